// app.js — the borrower's calculator page. Every figure comes from the repay
// core (WebAssembly, the same JSON API and bytes as the command line); this
// file builds requests from the form, shows the responses in the page's
// language and keeps the inputs in the address (the share link).
// No amount is computed here (see format.js for the exact sums it shows).
import { load } from './repay.mjs';
import { TEXT, errorWords, warningWords } from './i18n.js';
import { renderChart } from './chart.js';
import {
  readAmount, readPercent, readTerm, readInt, lprPlus, money, percent, percentExact,
  decAdd, decSub, decCmp, decSum, isNegative, absText, todayIso, addDays, daysBetween, isDate,
} from './format.js';

// The core is compiled while the page is parsed (index.html starts it) and
// instantiated here; without that head start it loads the usual way.
function loadCore() {
  const compiled = window.repayWasm;
  if (!compiled) return load();
  return new Promise((resolve, reject) => {
    load({
      instantiateWasm(imports, done) {
        compiled.then((module) => WebAssembly.instantiate(module, imports).then((instance) => done(instance, module)))
          .catch(reject);
        return {};
      },
    }).then(resolve, reject);
  }).catch(() => load());
}
const coreLoading = loadCore();
coreLoading.catch(() => {});
const $ = (sel) => document.querySelector(sel);
const state = {
  lang: 'zh', view: 'month', tab: 'schedule', payments: [], history: [], repay: null, lpr: null,
  schedule: null, // the last good schedule response of the loan
};
const t = (key, vars = {}) =>
  String(TEXT[state.lang][key] ?? TEXT.zh[key] ?? key).replace(/\{(\w+)\}/g, (_, k) => vars[k] ?? '');

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  return node;
}

/* ---------- the core, with memory of recent answers ---------- */

// Typing in one panel does not recompute what another panel's inputs gave:
// the same request text gets the same (cached) answer.
const cache = new Map();
function run(request) {
  const key = JSON.stringify(request);
  if (cache.has(key)) {
    const hit = cache.get(key);
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const response = state.repay.run(key);
  cache.set(key, response);
  if (cache.size > 48) cache.delete(cache.keys().next().value);
  return response;
}

/* ---------- reading the form ---------- */

const val = (id) => $('#' + id).value;

function currentLpr(kind) {
  const today = todayIso();
  const list = (state.lpr?.fixings ?? []).filter((f) => f.date <= today);
  const f = list.at(-1);
  if (!f) return null;
  return { date: f.date, rate: (kind === 'five_year' && f.five_year) ? f.five_year : f.one_year, kind };
}

// The loan object of every request, or {errors} the page found itself
// (things the core cannot name: an empty start date, an unreadable spread).
function loanSpec() {
  const errors = [];
  let rate;
  if (val('rate_mode') === 'lpr') {
    const lpr = currentLpr(val('lpr_kind'));
    rate = lpr && lprPlus(lpr.rate, val('lpr_bp'));
    if (!rate) errors.push(['lpr_bp', 'e_lpr_bp']);
  } else {
    rate = readPercent(val('rate'));
  }
  const loan = {
    principal: readAmount(val('principal'), val('principal_unit')),
    rate,
    term: readTerm(val('term'), val('term_unit')),
    method: val('method'),
  };
  if (isDate(val('start_date'))) loan.start_date = val('start_date');
  else errors.push(['start_date', 'e_start_date']);
  if (loan.method === 'flat') loan.flat_charge = 'interest';
  return { loan, errors };
}

function overdueLoan(loan) {
  return { ...loan, overdue: { penalty_markup: readPercent(val('markup')), compound: $('#compound').checked },
    allocation: 'bank_default' };
}

// The events of a statement or an offer: the installments before the missed
// one paid on their dates (the core's own amounts), the payments typed since,
// and any events the link carried. origins[i] says where event i came from.
function lateEvents() {
  const events = [], origins = [];
  const missed = val('missed');
  // a restructuring in the history replaces the schedule from its date on
  const firstPlan = state.history.filter((e) => e.type === 'restructure' && isDate(e.date)).map((e) => e.date).sort()[0];
  if ($('#paid_before').checked && missed && state.schedule) {
    for (const r of state.schedule.installments) {
      if (r.due_date >= missed || (firstPlan && r.due_date >= firstPlan)) break;
      events.push({ type: 'payment', date: r.due_date, amount: r.payment });
      origins.push({ field: 'missed' });
    }
  }
  state.payments.forEach((p, i) => {
    if (!String(p.amount).trim() && !p.date) return;
    if (!String(p.amount).trim()) return; // a row being filled in
    events.push({ type: 'payment', date: p.date, amount: readAmount(p.amount) });
    origins.push({ payment: i });
  });
  for (const e of state.history) { events.push(e); origins.push({ field: 'history' }); }
  return { events, origins };
}

/* ---------- errors in words, next to their field ---------- */

const LABEL_OF_FIELD = {
  principal: 'principal', rate: 'rate', term: 'term', method: 'method', start_date: 'start', lpr_bp: 'lpr_bp',
  as_of: 'as_of', missed: 'missed', markup: 'markup', extend: 'extend_months', defer: 'defer_months',
  freeze: 'freeze_months', waive: 'waive_share', capacity: 'capacity', solve_term: 'solve_term',
  prepay_date: 'prepay_date', prepay_amount: 'prepay_amount', days_late: 'days_late',
};

function clearErrors(scope) {
  for (const s of document.querySelectorAll(`${scope} small.error`)) s.textContent = '';
  for (const i of document.querySelectorAll(`${scope} [aria-invalid]`)) i.removeAttribute('aria-invalid');
}

// Puts the words for key next to the field (or in the section's message).
function fieldError(field, key, messageSel) {
  const slot = field && document.getElementById('err-' + field);
  const text = t(key, { field: t(LABEL_OF_FIELD[field] ?? field ?? '') });
  if (slot) {
    slot.textContent = text;
    document.getElementById(field)?.setAttribute('aria-invalid', 'true');
  } else if (messageSel) {
    $(messageSel).textContent = text;
  }
  return text;
}

// An error response shown in words; true if it was one.
function showError(response, messageSel, context) {
  if (response.ok) return false;
  const { field, key } = errorWords(response.error, context);
  const slot = field && document.getElementById('err-' + field);
  const text = fieldError(field, key, messageSel);
  if (slot && messageSel && !$(messageSel).textContent) $(messageSel).textContent = '';
  return text;
}

/* ---------- the loan ---------- */

function clearLoanOutputs() {
  for (const id of ['out-payment', 'out-interest', 'out-apr', 'out-total']) $('#' + id).textContent = '–';
  for (const id of ['out-payment-note', 'loan-sentence', 'loan-warning']) $('#' + id).textContent = '';
}

function renderLoan() {
  clearErrors('#loan-section');
  $('#loan-message').textContent = '';
  const { loan, errors } = loanSpec();
  renderLprNote(loan);
  state.schedule = null;
  if (errors.length) {
    for (const [f, k] of errors) fieldError(f, k, '#loan-message');
    clearLoanOutputs();
    return false;
  }
  const response = run({ op: 'schedule', loan });
  if (!response.ok) {
    showError(response, '#loan-message', {});
    clearLoanOutputs();
    return false;
  }
  state.schedule = response;
  const s = response.summary, rows = response.installments;
  const step = rows.length > 1 ? decSub(rows[0].payment, rows[1].payment) : '0.00';
  const vars = {
    payment: money(s.payment ?? s.first_payment), first: money(s.first_payment), last_payment: money(s.last_payment),
    count: s.installment_count, last: s.maturity_date, interest: money(response.totals.interest), apr: percent(s.apr),
    step: money(step),
  };
  const ep = loan.method === 'equal_principal';
  $('#payment-label').textContent = t(ep ? 'payment_first' : 'payment');
  $('#out-payment').textContent = money(ep ? s.first_payment : s.payment ?? s.first_payment);
  $('#out-payment-note').textContent = s.first_payment === s.last_payment ? ''
    : t(ep ? 'first_last' : 'first_last_plain', { first: vars.first, last: vars.last_payment, step: vars.step });
  $('#out-interest').textContent = money(response.totals.interest);
  $('#out-apr').textContent = percent(s.apr);
  $('#out-apr').title = s.apr ?? '';
  $('#out-total').textContent = money(response.totals.payment);
  $('#loan-sentence').textContent = t(loan.method === 'annuity' ? 'loan_sentence' : ep ? 'loan_sentence_ep' : 'loan_sentence_other', vars);
  let warn = '';
  if (s.apr && decCmp(s.apr, '0.36') > 0) warn = t('warn_36', { apr: percent(s.apr) });
  else if (s.apr && decCmp(s.apr, '0.24') > 0) warn = t('warn_24', { apr: percent(s.apr) });
  $('#loan-warning').textContent = warn;
  fillMissedDates(rows);
  return true;
}

function renderLprNote(loan) {
  const box = $('#lpr-note');
  const lpr = currentLpr(val('lpr_kind'));
  if (val('rate_mode') !== 'lpr' || !lpr) { box.textContent = ''; return; }
  const bp = String(val('lpr_bp')).trim() || '0';
  const neg = bp.startsWith('-');
  box.textContent = t('lpr_note', { kind: t(lpr.kind === 'five_year' ? 'lpr_5y' : 'lpr_1y'), lpr: lpr.rate, date: lpr.date,
    sign: neg ? '−' : '+', bp: bp.replace(/^[-+]/, ''), rate: loan.rate ?? '–' });
}

/* ---------- the schedule: chart and table ---------- */

// Each calendar year's sums of the core's amounts, added exactly: the amounts
// are whole units (a fixed number of decimals), added as integers.
function yearRows(rows) {
  const years = new Map();
  const keys = ['payment', 'principal', 'interest', 'fee'];
  const places = (rows[0]?.payment.split('.')[1] ?? '').length;
  const safe = rows.every((r) => keys.every((k) => r[k].length <= 15));
  const units = (x) => Number(x.replace('.', ''));
  for (const r of rows) {
    const y = r.due_date.slice(0, 4);
    let acc = years.get(y);
    if (!acc) years.set(y, acc = { year: y, count: 0, sums: { payment: 0, principal: 0, interest: 0, fee: 0 }, text: { payment: '0', principal: '0', interest: '0', fee: '0' } });
    for (const k of keys) {
      if (safe) acc.sums[k] += units(r[k]);
      else acc.text[k] = decAdd(acc.text[k], r[k]);
    }
    acc.count += 1;
    acc.balance = r.balance;
  }
  const out = [];
  const fromUnits = (v) => {
    if (!Number.isSafeInteger(v)) return null;
    const txt = String(Math.abs(v)).padStart(places + 1, '0');
    return (v < 0 ? '-' : '') + (places ? `${txt.slice(0, -places)}.${txt.slice(-places)}` : txt);
  };
  for (const acc of years.values()) {
    const row = { year: acc.year, count: acc.count, balance: acc.balance };
    for (const k of keys) row[k] = safe ? fromUnits(acc.sums[k]) : acc.text[k];
    if (keys.some((k) => row[k] === null)) return null;
    out.push(row);
  }
  return out;
}
function yearRowsExact(rows) {
  const fast = yearRows(rows);
  if (fast) return fast;
  const years = new Map();
  for (const r of rows) {
    const y = r.due_date.slice(0, 4);
    const acc = years.get(y) ?? { year: y, count: 0, payment: '0', principal: '0', interest: '0', fee: '0' };
    for (const k of ['payment', 'principal', 'interest', 'fee']) acc[k] = decAdd(acc[k], r[k]);
    acc.count += 1;
    acc.balance = r.balance;
    years.set(y, acc);
  }
  return [...years.values()];
}
let yearsOf = { key: null, years: [] };
function yearsFor(response) {
  if (yearsOf.key !== response) yearsOf = { key: response, years: yearRowsExact(response.installments) };
  return yearsOf.years;
}

const table = { rows: [], cols: [], rowH: 0, first: -1, last: -1 };
let chartWidth = 0;

function scheduleColumns(response) {
  const fee = decCmp(response.totals.fee, '0') !== 0;
  const base = state.view === 'year'
    ? [['year', 'year', 'keep'], ['count', 'count_col', 'keep']]
    : [['n', 'n', 'keep'], ['due_date', 'due_date', 'keep']];
  return [...base, ['payment', 'payment_col', 'keep'], ['principal', 'principal_col', 'c-principal'],
    ['interest', 'interest_col', 'c-interest'], ...(fee ? [['fee', 'fee_col', 'c-fee']] : []), ['balance', 'balance', 'c-balance']];
}

function renderSchedulePanel() {
  const response = state.schedule;
  const svg = $('#chart');
  $('#schedule-body').hidden = !response;
  if (!response) {
    svg.replaceChildren();
    svg.setAttribute('aria-label', t('fix_loan_first'));
    $('#chart-tip').hidden = true;
    $('#schedule thead').replaceChildren();
    $('#schedule tbody').replaceChildren();
    table.shape = null;
    $('#schedule-caption').textContent = '';
    $('#schedule-message').textContent = t('fix_loan_first');
    return;
  }
  $('#schedule-message').textContent = '';
  const years = yearsFor(response);
  // the chart's width is read once (and again on a resize), not on every keystroke
  if (!chartWidth) chartWidth = $('#chart-box').clientWidth;
  renderChart(svg, years, { lang: state.lang, t, money, tip: $('#chart-tip'), principal: response.summary.principal, width: chartWidth });
  const first = years[0], last = years.at(-1);
  svg.setAttribute('aria-label', t('chart_label', { from: first.year, to: last.year, p0: money(first.principal), i0: money(first.interest),
    p1: money(last.principal), i1: money(last.interest) }));
  table.cols = scheduleColumns(response);
  table.rows = state.view === 'year' ? years : response.installments;
  table.totals = response.totals;
  const head = table.cols.map((c) => c[0]).join() + state.lang;
  if ($('#schedule thead').dataset.key !== head || !$('#schedule thead').firstChild) {
    $('#schedule thead').dataset.key = head;
    $('#schedule thead').replaceChildren(el('tr', {}, ...table.cols.map(([k, label, cls]) => el('th', { scope: 'col', class: cls === 'keep' ? null : cls }, t(label)))));
  }
  $('#schedule-caption').textContent = t('table_scroll', { n: table.rows.length });
  table.first = table.last = -1;
  paintRows(true);
}

// Only the rows in view (and a screenful either side) are in the document;
// spacer rows keep the scroll height. The rows are updated in place: the
// same <tr> and <td> elements get new text, so a keystroke changes text
// nodes, not the table's structure.
const showCell = (v) => (typeof v === 'string' && /^-?\d+\.\d+$/.test(v) ? money(v) : String(v ?? ''));
function rowElement(cols) {
  const tr = document.createElement('tr');
  for (const [, , cls] of cols) {
    const td = document.createElement('td');
    if (cls !== 'keep') td.className = cls;
    td.append(document.createTextNode(''));
    tr.append(td);
  }
  return tr;
}
function fillRow(tr, r, cols) {
  for (let c = 0; c < cols.length; c++) {
    const node = tr.children[c].firstChild;
    const v = showCell(r[cols[c][0]]);
    if (node.data !== v) node.data = v;
  }
}
function paintRows(force = false) {
  const body = $('#schedule tbody');
  const n = table.rows.length;
  const all = document.body.classList.contains('printing-all');
  if (!table.rowH) table.rowH = 33;
  const per = Math.ceil(Math.max(table.boxH ?? 0, 448) / table.rowH);
  const top = Math.floor((table.scrollTop ?? 0) / table.rowH);
  const whole = all || n <= 120; // a year view is short: all of it
  const from = whole ? 0 : Math.max(0, top - per);
  const to = whole ? n : Math.min(n, top + 2 * per);
  if (!force && from === table.first && to === table.last) return;
  table.first = from; table.last = to;
  const shape = table.cols.map((c) => c[0]).join();
  if (table.shape !== shape || !table.top?.isConnected) {
    // a new set of columns: new rows
    table.shape = shape;
    table.pool = [];
    table.top = el('tr', { class: 'spacer', 'aria-hidden': 'true' });
    table.bottom = el('tr', { class: 'spacer', 'aria-hidden': 'true' });
    table.total = rowElement(table.cols);
    table.total.className = 'total';
    body.replaceChildren(table.top, table.bottom, table.total);
  }
  table.top.style.height = `${from * table.rowH}px`;
  table.bottom.style.height = `${(n - to) * table.rowH}px`;
  const count = to - from;
  while (table.pool.length < count) {
    const tr = rowElement(table.cols);
    table.pool.push(tr);
  }
  for (let k = 0; k < table.pool.length; k++) {
    const tr = table.pool[k];
    if (k < count) {
      fillRow(tr, table.rows[from + k], table.cols);
      if (!tr.isConnected) body.insertBefore(tr, table.bottom);
    } else if (tr.isConnected) tr.remove();
  }
  const tot = table.totals;
  fillRow(table.total, { n: t('owed_total'), year: t('owed_total'), due_date: '', count: '', payment: tot.payment,
    principal: tot.principal, interest: tot.interest, fee: tot.fee, balance: '' }, table.cols);
  if (!table.measured && !whole) {
    // the real row height, read after the frame is painted (no forced layout)
    table.measured = true;
    const box = $('#schedule-scroll');
    requestAnimationFrame(() => setTimeout(() => {
      const h = table.pool[0]?.getBoundingClientRect().height;
      table.boxH = box.clientHeight;
      if (h && Math.abs(h - table.rowH) > 0.5) { table.rowH = h; paintRows(true); }
    }));
  }
}

/* ---------- two methods side by side ---------- */

function renderMethods() {
  const tbody = $('#methods tbody');
  if (!state.schedule) {
    $('#methods thead').replaceChildren(); tbody.replaceChildren();
    $('#methods-sentence').textContent = t('fix_loan_first');
    return;
  }
  const { loan } = loanSpec();
  const a = run({ op: 'schedule', loan: { ...loan, method: 'annuity', flat_charge: undefined } });
  const e = run({ op: 'schedule', loan: { ...loan, method: 'equal_principal', flat_charge: undefined } });
  if (!a.ok || !e.ok) { $('#methods-sentence').textContent = t('fix_loan_first'); tbody.replaceChildren(); return; }
  const step = (r) => (r.installments.length > 1 ? decSub(r.installments[0].payment, r.installments[1].payment) : '0.00');
  const rows = [
    ['m_first', money(a.summary.first_payment), money(e.summary.first_payment)],
    ['m_step', t('m_none'), money(step(e))],
    ['m_last', money(a.summary.last_payment), money(e.summary.last_payment)],
    ['m_interest', money(a.totals.interest), money(e.totals.interest)],
    ['m_total', money(a.totals.payment), money(e.totals.payment)],
    ['m_apr', percent(a.summary.apr), percent(e.summary.apr)],
  ];
  $('#methods thead').replaceChildren(el('tr', {}, el('td'), el('th', { scope: 'col' }, t('annuity')), el('th', { scope: 'col' }, t('equal_principal'))));
  tbody.replaceChildren(...rows.map(([k, x, y]) => el('tr', { 'data-row': k }, el('th', { scope: 'row' }, t(k)), el('td', {}, x), el('td', {}, y))));
  $('#methods-sentence').textContent = t('methods_sentence', {
    diff: money(decSub(a.totals.interest, e.totals.interest)),
    first_diff: money(decSub(e.summary.first_payment, a.summary.first_payment)),
  });
}

/* ---------- prepayment ---------- */

function renderPrepay() {
  clearErrors('#panel-prepay');
  $('#prepay-message').textContent = '';
  const out = $('#prepay-results');
  if (!state.schedule) { out.replaceChildren(); $('#prepay-message').textContent = t('fix_loan_first'); return; }
  const date = val('prepay_date');
  if (!isDate(date)) { out.replaceChildren(); fieldError('prepay_date', 'e_prepay_date'); return; }
  const amountText = readAmount(val('prepay_amount'));
  const { loan } = loanSpec();
  // every installment due by then paid on its date (the core's amounts), then the prepayment
  const events = [], origins = [];
  for (const r of state.schedule.installments) {
    if (r.due_date > date) break;
    events.push({ type: 'payment', date: r.due_date, amount: r.payment }); origins.push({ field: 'prepay_date' });
  }
  if (events.length === state.schedule.installments.length) { out.replaceChildren(); fieldError('prepay_date', 'e_prepay_date'); return; }
  events.push({ type: 'payment', date, amount: amountText }); origins.push({ field: 'prepay_amount' });
  const cards = [];
  for (const mode of ['shorten_term', 'lower_payment']) {
    const response = run({ op: 'statement', as_of: date, loan: { ...loan, overpayment: mode }, events });
    if (!response.ok) { out.replaceChildren(); showError(response, '#prepay-message', { events: origins }); return; }
    const rows = response.installments;
    const left = rows.filter((r) => r.status === 'not_due');
    const regular = left[1] ?? left[0];
    // interest over the whole loan after the prepayment: every installment's, as the core posted them
    const saved = decSub(state.schedule.totals.interest, decSum(rows.map((r) => r.due.interest)));
    const vars = {
      date, amount: money(amountText), payment: money(regular?.due.total ?? '0.00'),
      orig_payment: money(state.schedule.summary.payment ?? state.schedule.summary.first_payment),
      fewer: state.schedule.installments.length - rows.length, last: left.at(-1)?.due_date ?? date,
      orig_last: state.schedule.summary.maturity_date, saved: money(saved),
    };
    const sentence = t(mode === 'shorten_term' ? 'prepay_sentence_shorten' : 'prepay_sentence_lower', vars)
      + (decCmp(response.summary.credit, '0') > 0 ? ' ' + t('prepay_credit', { credit: money(response.summary.credit) }) : '');
    const facts = [['prepay_new', vars.payment], ['prepay_left', String(left.length)], ['prepay_end', vars.last], ['prepay_saved', vars.saved]];
    cards.push(el('article', { class: 'offer', 'data-kind': mode }, el('h4', {}, t(mode)), el('p', { class: 'sentence' }, sentence),
      el('dl', {}, ...facts.flatMap(([k, v]) => [el('dt', {}, t(k)), el('dd', { 'data-k': k }, v)]))));
  }
  out.replaceChildren(...cards);
}

/* ---------- I'm late ---------- */

let missedKey = '';
function fillMissedDates(rows) {
  const select = $('#missed');
  const key = `${rows.length}:${rows[0]?.due_date}:${rows.at(-1)?.due_date}`;
  if (key === missedKey) return;
  missedKey = key;
  const keep = select.value || select.dataset.want || '';
  select.replaceChildren(...rows.map((r) => el('option', { value: r.due_date }, t('missed_option', { date: r.due_date, n: r.n }))));
  const dates = rows.map((r) => r.due_date);
  if (dates.includes(keep)) select.value = keep;
  else {
    // the latest due date on or before the as-of date
    const asOf = isDate(val('as_of')) ? val('as_of') : todayIso();
    const before = dates.filter((d) => d <= asOf);
    select.value = before.at(-1) ?? dates[0] ?? '';
  }
  delete select.dataset.want;
  syncDaysLate();
}

function syncDaysLate() {
  const missed = val('missed');
  if (missed && isDate(val('as_of'))) {
    const d = daysBetween(missed, val('as_of'));
    $('#days_late').value = d >= 0 ? String(d) : '';
  }
}

function syncAsOf() {
  const missed = val('missed');
  const days = String(val('days_late')).trim();
  $('#err-days_late').textContent = '';
  $('#days_late').removeAttribute('aria-invalid');
  if (!days) return;
  if (!/^\d{1,5}$/.test(days)) { fieldError('days_late', 'e_days_late'); return; }
  if (missed) $('#as_of').value = addDays(missed, Number(days));
}

function statusText(status) {
  const key = 'st_' + status;
  return key in TEXT.zh ? t(key) : t('st_other');
}
const classText = (c, zh) => (state.lang === 'zh' ? (zh || t('class_' + c)) : t('class_' + c));

function clearLate() {
  $('#restructurings').hidden = true;
  for (const id of ['out-owed', 'out-dpd', 'out-payoff', 'out-bucket', 'out-class']) $('#' + id).textContent = '–';
  $('#late-sentence').textContent = '';
  $('#penalty-words').textContent = '';
  $('#owed tbody').replaceChildren();
  $('#workings').replaceChildren();
  $('#statement thead').replaceChildren();
  $('#statement tbody').replaceChildren();
}

function statementRequest() {
  const { loan } = loanSpec();
  const { events, origins } = lateEvents();
  return { request: { op: 'statement', as_of: val('as_of'), loan: overdueLoan(loan), events }, origins };
}

function lateResponse() {
  if (!state.schedule) return { response: null };
  if (!isDate(val('as_of'))) return { response: null, error: ['as_of', 'e_as_of'] };
  const { request, origins } = statementRequest();
  return { response: run(request), origins };
}

function renderLate() {
  clearErrors('#panel-late');
  $('#late-message').textContent = '';
  if (!state.schedule) { clearLate(); $('#late-message').textContent = t('fix_loan_first'); return; }
  const { response, origins, error } = lateResponse();
  if (error) { clearLate(); fieldError(...error, '#late-message'); return; }
  if (!response.ok) { clearLate(); showError(response, '#late-message', { events: origins }); return; }
  const s = response.summary;
  $('#out-owed').textContent = money(s.total_due);
  $('#out-dpd').textContent = s.dpd;
  $('#out-payoff').textContent = money(s.payoff);
  $('#out-bucket').textContent = s.bucket ?? '–';
  $('#out-class').textContent = s.class ? classText(s.class, s.class_zh) : '–';
  const vars = { dpd: s.dpd, bucket: s.bucket, class: classText(s.class, s.class_zh), due: money(s.total_due), payoff: money(s.payoff) };
  $('#late-sentence').textContent = s.status === 'paid_off' ? t('late_sentence_paid')
    : s.dpd > 0 ? t('late_sentence', vars) : t('late_sentence_current', vars);
  const annual = state.schedule.summary.annual_rate;
  $('#penalty-words').textContent = s.penalty_rate
    ? (annual ? t('penalty_words', { rate: percentExact(annual), markup: readPercent(val('markup')), penalty: percentExact(s.penalty_rate) })
      : t('penalty_words_plain', { penalty: percentExact(s.penalty_rate) })) : '';
  $('#owed tbody').replaceChildren(...['principal', 'interest', 'penalty_interest', 'compound_interest', 'late_fees', 'fees', 'total']
    .filter((k) => k === 'total' || decCmp(response.owed[k], '0') !== 0 || k === 'principal' || k === 'interest')
    .map((k) => el('tr', k === 'total' ? { class: 'total' } : {}, el('th', { scope: 'row' }, t('owed_' + k)), el('td', {}, money(response.owed[k])))));
  const byN = new Map(response.installments.map((r) => [r.n, r]));
  const lines = response.workings.filter((w) => decCmp(w.amount, '0') !== 0).map((w) => {
    const inst = byN.get(w.n);
    const settled = inst && inst.outstanding?.[w.component] !== undefined && decCmp(inst.outstanding[w.component], '0') === 0;
    return el('li', { class: settled ? 'paid' : 'unpaid' }, el('span', { class: 'badge' }, t(settled ? 'w_paid' : 'w_unpaid')), ' ', w[state.lang] ?? w.zh);
  });
  $('#workings').replaceChildren(...(lines.length ? lines : [el('li', {}, t('no_workings'))]));
  renderRestructurings(response.restructurings ?? []);
  const due = response.installments.filter((r) => r.status !== 'not_due');
  const next = response.installments.find((r) => r.status === 'not_due');
  $('#statement thead').replaceChildren(el('tr', {}, ...['n', 'due_date', 'status', 'days', 'due', 'paid', 'outstanding'].map((k) => el('th', { scope: 'col' }, t(k)))));
  // from two installments before the first one not paid on time (at most 60), and the next one due
  const firstLate = due.findIndex((r) => r.status !== 'paid');
  const shown = due.slice(firstLate < 0 ? Math.max(0, due.length - 3) : Math.max(0, firstLate - 2)).slice(-60);
  $('#statement tbody').replaceChildren(...[...shown, ...(next ? [next] : [])].map((r) => el('tr', { class: r.status },
    el('td', {}, r.n), el('td', {}, r.due_date), el('td', {}, statusText(r.status)), el('td', {}, r.days_past_due),
    el('td', {}, money(r.due.total)), el('td', {}, money(r.paid.total)), el('td', {}, money(r.outstanding.total)))));
}

// Each agreement in the loan's history (the lifecycle's restructure events):
// kept or broken, and its observation period, in the core's own sentences.
function renderRestructurings(list) {
  const box = $('#restructurings');
  box.hidden = !list.length;
  box.replaceChildren(...list.map((r) => el('li', {},
    t('plan_line', { plan: r.plan, date: r.date, standing: ('standing_' + r.standing) in TEXT.zh ? t('standing_' + r.standing) : '',
      count: r.installments, first: r.first_due_date, last: r.maturity_date }),
    ...[r.breach, r.observation].filter((x) => x && (x.zh || x.en)).map((x) => el('span', { class: 'detail' }, ' ' + (x[state.lang] ?? x.zh))))));
}

function renderPayments(focusIndex) {
  const box = $('#payments');
  if (!state.payments.length) { box.replaceChildren(el('p', { class: 'hint' }, t('no_payments'))); }
  else box.replaceChildren(...state.payments.map((p, i) => el('div', { class: 'payment' },
    el('div', { class: 'field' }, el('label', { for: `pay-date-${i}` }, t('pay_date')),
      el('input', { id: `pay-date-${i}`, type: 'date', value: p.date, 'aria-describedby': `err-pay-date-${i}`,
        oninput: (e) => { p.date = e.target.value; recomputeSoon(); } }),
      el('small', { class: 'error', id: `err-pay-date-${i}`, 'data-for': `pay-date-${i}` })),
    el('div', { class: 'field' }, el('label', { for: `pay-amount-${i}` }, t('pay_amount')),
      el('input', { id: `pay-amount-${i}`, inputmode: 'decimal', value: p.amount, 'aria-describedby': `err-pay-amount-${i}`,
        oninput: (e) => { p.amount = e.target.value; recomputeSoon(); } }),
      el('small', { class: 'error', id: `err-pay-amount-${i}`, 'data-for': `pay-amount-${i}` })),
    el('button', { type: 'button', class: 'remove', id: `remove-${i}`,
      'aria-label': t('remove_label', { n: i + 1 }) + (p.date || p.amount ? `（${p.date} ${p.amount}）` : ''),
      onclick: () => {
        state.payments.splice(i, 1);
        renderPayments(Math.min(i, state.payments.length - 1));
        recompute();
      } }, t('remove')))));
  if (focusIndex !== undefined) (document.getElementById(`remove-${focusIndex}`) ?? $('#add-payment')).focus();
}

/* ---------- offers ---------- */

// The proposals: each with its actions and the field each action came from.
function proposals() {
  const waive = readPercent(val('waive'));
  const waiving = waive && !/^0+(\.0*)?%?$/.test(waive);
  const waivers = waiving
    ? ['penalty_interest', 'compound_interest', 'late_fees'].map((c) => ({ type: 'waive', component: c, share: waive })) : [];
  const wf = waivers.map(() => 'waive');
  const list = [{ kind: 'now', name: t('p_now'), actions: [{ type: 'settle', discount: '0%' }], fields: [null] }];
  if (waiving) list.push({ kind: 'waive', name: t('p_waive', { s: waive }), actions: waivers, fields: wf, field: 'waive' });
  const n = (id) => String(val(id)).trim();
  if (n('extend')) list.push({ kind: 'extend', name: t('p_extend', { n: n('extend') }), field: 'extend',
    actions: [...waivers, { type: 'extend', periods: readInt(n('extend')) }, { type: 'reamortize' }], fields: [...wf, 'extend', 'extend'] });
  if (n('defer')) list.push({ kind: 'defer', name: t('p_defer', { n: n('defer') }), field: 'defer',
    actions: [...waivers, { type: 'defer', installments: readInt(n('defer')) }], fields: [...wf, 'defer'] });
  if (n('freeze')) list.push({ kind: 'freeze', name: t('p_freeze', { n: n('freeze') }), field: 'freeze',
    actions: [...waivers, { type: 'freeze', installments: readInt(n('freeze')) }], fields: [...wf, 'freeze'] });
  return list;
}

function compareRequest() {
  const { loan } = loanSpec();
  const { events } = lateEvents();
  return { op: 'compare', date: val('as_of'), loan: overdueLoan(loan), events,
    proposals: proposals().map((p) => ({ name: p.name, actions: p.actions })) };
}

function largestPayment(rows) {
  let best = null;
  for (const r of rows) if (r.n > 0 && (best === null || decCmp(r.payment, best) > 0)) best = r.payment;
  return best;
}

function planTable(rows) {
  const cols = ['n', 'due_date', 'payment_col', 'principal_col', 'interest_col', 'arrears', 'balance'];
  const head = { n: t('n'), due_date: t('due_date'), payment_col: t('payment_col'), principal_col: t('principal_col'),
    interest_col: t('interest_col'), arrears: state.lang === 'zh' ? '挂账欠款' : 'Arrears', balance: t('balance') };
  return el('table', { class: 'plan' }, el('thead', {}, el('tr', {}, ...cols.map((c) => el('th', { scope: 'col' }, head[c])))),
    el('tbody', {}, ...rows.map((r) => el('tr', {}, el('td', {}, r.n === 0 ? (state.lang === 'zh' ? '当日' : 'today') : r.n), el('td', {}, r.due_date),
      el('td', {}, money(r.payment)), el('td', {}, money(r.principal)), el('td', {}, money(r.interest)),
      el('td', {}, money(r.arrears ?? '0.00')), el('td', {}, money(r.balance))))));
}

function offerSentence(p, r) {
  const s = r.summary, rows = r.installments ?? [];
  const after = rows.filter((x) => x.n > 0);
  const v = {
    total: money(s.total_to_pay), waived: money(s.waived), today: money(s.due_on_date ?? '0.00'), payment: money(s.payment),
    count: s.installment_count, first: s.first_due_date, last: s.maturity_date, first_payment: money(after[0]?.payment),
  };
  const parts = [];
  if (p.kind === 'now') return t('s_now', v);
  if (s.due_on_date && decCmp(s.due_on_date, '0') > 0 && p.kind !== 'waive') parts.push(t('s_today', v));
  parts.push(t({ waive: 's_waive', extend: 's_extend', defer: 's_defer', freeze: 's_freeze' }[p.kind], v));
  if (isNegative(s.saving)) parts.push(t('s_extra', { x: money(absText(s.saving)) }));
  else if (decCmp(s.saving, '0') > 0) parts.push(t('s_less', { x: money(s.saving) }));
  else parts.push(t('s_same'));
  return parts.join(state.lang === 'zh' ? '' : ' ');
}

function offerCard(p, r, index, request) {
  const card = el('article', { class: 'offer', id: `offer-${index}`, 'data-kind': p.kind, 'aria-labelledby': `offer-h-${index}` });
  card.append(el('h4', { id: `offer-h-${index}` }, p.name));
  if (!r.ok) {
    const { field, key } = errorWords(r.error, { actions: p.fields });
    card.classList.add('failed');
    card.append(el('p', { class: 'sentence' }, t('not_possible') + t(key, { field: t(LABEL_OF_FIELD[field] ?? field ?? '') })));
    return card;
  }
  const s = r.summary, rows = r.installments ?? [];
  const { loan } = loanSpec();
  // printed with the offer alone: which loan, on which date
  card.append(el('p', { class: 'print-only' }, t('plan_of', { date: val('as_of'), principal: money(loan.principal),
    rate: loan.rate, term: loan.term, start: loan.start_date ?? '' })));
  card.append(el('p', { class: 'sentence' }, offerSentence(p, r)));
  const extra = isNegative(s.saving);
  const facts = [
    ['o_today', money(s.due_on_date ?? '0.00')],
    ['o_payment', p.kind === 'now' ? '–' : money(s.payment)],
    ['o_largest', money(largestPayment(rows) ?? s.payment)],
    ['o_count', String(s.installment_count)],
    ['o_first', s.first_due_date], ['o_last', s.maturity_date],
    ['o_total', money(s.total_to_pay)],
    [extra ? 'o_extra' : 'o_less', money(absText(s.saving))],
    ['o_waived', money(s.waived)],
    ['o_apr', s.apr === null || s.apr === undefined ? '–' : percent(s.apr)],
  ];
  const shown = p.kind === 'now' ? facts.filter(([k]) => ['o_today', 'o_total'].includes(k)) : facts;
  card.append(el('dl', {}, ...shown.flatMap(([k, v]) => [el('dt', {}, t(k)), el('dd', { 'data-k': k }, v)])));
  if (r.warnings?.length) card.append(el('ul', { class: 'warnings' }, ...r.warnings.map((w) => el('li', {}, warningWords(w, t)))));
  if (rows.length) {
    const details = el('details', {}, el('summary', {}, t('o_plan')), planTable(rows));
    card.append(details);
  }
  card.append(el('div', { class: 'card-actions' },
    el('button', { type: 'button', class: 'print-letter', 'aria-label': `${t('o_letter')}：${p.name}`,
      onclick: () => printLetter(request, p.kind) }, t('o_letter')),
    el('button', { type: 'button', class: 'print-offer', 'aria-label': `${t('o_print')}：${p.name}`,
      onclick: () => printOne(card) }, t('o_print'))));
  return card;
}

// The written plan (还款计划确认书): the core's letter-html for the offer's own
// request — one self-contained A4 page in Chinese and English, no scripts —
// printed from a hidden frame, so the page itself stays as it is.
function printLetter(request, kind) {
  const html = state.repay.runText(request, 'letter-html');
  if (state.repay.lastStatus() !== 0) { $('#status').textContent = t('letter_failed'); return; }
  let frame = $('#letter-frame');
  if (!frame) {
    frame = el('iframe', { id: 'letter-frame', class: 'letter-frame', title: t('o_letter'), tabindex: '-1', 'aria-hidden': 'true',
      sandbox: 'allow-modals allow-same-origin' });
    document.body.append(frame);
  }
  frame.dataset.kind = kind;
  frame.onload = () => { frame.onload = null; frame.contentWindow.print(); };
  frame.srcdoc = html;
  $('#status').textContent = t('letter_ready');
}

// Prints one offer card alone, its installments open.
function printOne(card) {
  const details = card.querySelector('details');
  const wasOpen = details?.open;
  if (details) details.open = true;
  document.body.classList.add('print-one');
  card.classList.add('printing');
  const done = () => {
    document.body.classList.remove('print-one');
    card.classList.remove('printing');
    if (details) details.open = wasOpen;
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}

function renderOffers() {
  clearErrors('#panel-offers');
  $('#offers-h').textContent = isDate(val('as_of')) ? t('offers_on', { date: val('as_of') }) : t('offers');
  $('#whatif-message').textContent = '';
  const box = $('#offers');
  if (!state.schedule) { box.replaceChildren(); $('#whatif-message').textContent = t('fix_loan_first'); return; }
  const late = lateResponse();
  if (!late.response || !late.response.ok) { box.replaceChildren(); $('#whatif-message').textContent = t('offers_need_late'); return; }
  const { loan } = loanSpec();
  const { events } = lateEvents();
  const base = { op: 'restructure', date: val('as_of'), loan: overdueLoan(loan), events };
  const list = proposals();
  const cards = list.map((p, i) => {
    const request = { ...base, actions: p.actions };
    const r = run(request);
    if (!r.ok) {
      const { field, key } = errorWords(r.error, { actions: p.fields });
      if (field && document.getElementById('err-' + field) && !document.getElementById('err-' + field).textContent) fieldError(field, key);
    }
    return offerCard(p, r, i, request);
  });
  box.replaceChildren(...cards);
}

/* ---------- I can pay X a month ---------- */

function renderSolve() {
  clearErrors('#panel-solve');
  $('#solve-message').textContent = '';
  const box = $('#solve-results');
  if (!state.schedule) { box.replaceChildren(); $('#solve-message').textContent = t('fix_loan_first'); return; }
  const late = lateResponse();
  if (!late.response || !late.response.ok) { box.replaceChildren(); $('#solve-message').textContent = t('offers_need_late'); return; }
  const { loan } = loanSpec();
  const { events, origins } = lateEvents();
  const capacity = readAmount(val('capacity'));
  const base = { op: 'solve', date: val('as_of'), loan: overdueLoan(loan), events };
  const cap = money(capacity);
  const cards = [];
  const goals = [
    ['extend', { type: 'shortest_term', capacity }],
    ['waive', { type: 'smallest_waiver', capacity, term: readInt(val('solve_term')) }],
  ];
  for (const [kind, goal] of goals) {
    const request = { ...base, goal };
    const r = run(request);
    const title = t(kind === 'extend' ? 'solve_title_extend' : 'solve_title_waive');
    const card = el('article', { class: 'offer', 'data-kind': `solve-${kind}` }, el('h4', {}, title));
    if (!r.ok) {
      const { field, key } = errorWords(r.error, { events: origins });
      fieldError(field, key, '#solve-message');
      card.append(el('p', { class: 'sentence' }, t('not_possible') + t(key, { field: t(LABEL_OF_FIELD[field] ?? field ?? '') })));
      cards.push(card);
      continue;
    }
    const a = r.feasible ? r.answer : r.closest;
    const s = r.summary;
    const v = { count: s.installment_count, largest: money(a?.largest_payment), cap, last: s.maturity_date,
      total: money(s.total_to_pay), waiver: money(a?.waiver ?? s.waived), term: goal.term };
    // shortest_term searches up to 360 installments or the longest extension
    // the law allows (《贷款通则》 Art. 12), whichever is shorter
    const atLaw = kind === 'extend' && !r.feasible && s.installment_count < 360;
    const key = kind === 'extend' ? (r.feasible ? 'solve_extend_ok' : atLaw ? 'solve_extend_law' : 'solve_extend_no')
      : (r.feasible ? 'solve_waive_ok' : 'solve_waive_no');
    card.classList.toggle('infeasible', !r.feasible);
    card.append(el('p', { class: 'sentence' }, t(key, v)));
    if (!r.feasible && r.binding?.[state.lang]) card.append(el('p', { class: 'binding' }, t('solve_binding', { why: r.binding[state.lang] })));
    card.append(el('dl', {}, el('dt', {}, t('o_apr')), el('dd', {}, s.apr == null ? '–' : percent(s.apr)),
      el('dt', {}, t('o_waived')), el('dd', {}, money(s.waived))));
    if (r.warnings?.length) card.append(el('ul', { class: 'warnings' }, ...r.warnings.map((w) => el('li', {}, warningWords(w, t)))));
    if (r.installments?.length) card.append(el('details', {}, el('summary', {}, t('o_plan')), planTable(r.installments)));
    // a plan that fits has its letter; a goal no plan meets has none
    if (r.feasible) card.append(el('div', { class: 'card-actions' }, el('button', { type: 'button', class: 'print-letter',
      'aria-label': `${t('o_letter')}：${title}`, onclick: () => printLetter(request, `solve-${kind}`) }, t('o_letter'))));
    cards.push(card);
  }
  box.replaceChildren(...cards);
}

/* ---------- CSV ---------- */

function download(name, text) {
  // A BOM so spreadsheet programs read the UTF-8 names correctly.
  const blob = new Blob(['\ufeff' + text], { type: 'text/csv;charset=utf-8' });
  const a = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function exportCsv(request, name) {
  const probe = request && run(request);
  if (!request || !probe.ok) { $('#status').textContent = t('csv_blocked'); return; }
  download(name, state.repay.runText(request, 'csv'));
}

function scheduleCsv() {
  if (!state.schedule) { $('#status').textContent = t('csv_blocked'); return; }
  if (state.view !== 'year') return exportCsv({ op: 'schedule', loan: loanSpec().loan }, 'schedule.csv');
  const rows = yearsFor(state.schedule);
  const lines = ['year,installments,payment,principal,interest,fee,balance',
    ...rows.map((r) => [r.year, r.count, r.payment, r.principal, r.interest, r.fee, r.balance].join(','))];
  download('schedule-by-year.csv', lines.join('\n') + '\n');
}

/* ---------- the share link ---------- */

const SHARED = ['principal', 'principal_unit', 'rate_mode', 'rate', 'lpr_kind', 'lpr_bp', 'term', 'term_unit', 'method',
  'start_date', 'as_of', 'missed', 'days_late', 'markup', 'extend', 'defer', 'freeze', 'waive',
  'prepay_date', 'prepay_amount', 'capacity', 'solve_term', 'col_choice'];
const CHECKS = ['compound', 'paid_before'];

function linkParams() {
  const p = new URLSearchParams();
  for (const id of SHARED) p.set(id, val(id));
  for (const id of CHECKS) p.set(id, $('#' + id).checked ? '1' : '0');
  state.payments.forEach((x) => p.append('pay', `${x.date}~${x.amount}`));
  if (state.history.length) p.set('events', JSON.stringify(state.history));
  p.set('lang', state.lang);
  p.set('view', state.view);
  p.set('tab', state.tab);
  return p;
}

function saveHash() {
  history.replaceState(null, '', '#' + linkParams().toString());
}

function loadHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  for (const id of SHARED) {
    if (!p.has(id)) continue;
    const node = $('#' + id);
    if (node.tagName === 'SELECT' && ![...node.options].some((o) => o.value === p.get(id))) {
      if (id === 'missed') node.dataset.want = p.get(id);
      continue;
    }
    node.value = p.get(id);
  }
  for (const id of CHECKS) if (p.has(id)) $('#' + id).checked = p.get(id) === '1';
  state.payments = p.getAll('pay').map((s) => { const [date, amount = ''] = s.split('~'); return { date, amount }; });
  // events: a restructuring or repricing in the loan's history (the lifecycle
  // issue's events); each goes into every statement, offer and solve.
  state.history = [];
  if (p.has('events')) {
    try {
      const list = JSON.parse(p.get('events'));
      if (Array.isArray(list)) state.history = list.filter((e) => e && typeof e === 'object' && !Array.isArray(e)).slice(0, 1000);
    } catch { /* an unreadable list is ignored */ }
  }
  if (p.get('lang') === 'en' || p.get('lang') === 'zh') state.lang = p.get('lang');
  if (p.get('view') === 'year') { state.view = 'year'; document.querySelector('input[name=view][value=year]').checked = true; }
  if (['schedule', 'methods', 'prepay', 'late', 'offers', 'solve'].includes(p.get('tab'))) state.tab = p.get('tab');
}

function renderHistory() {
  const box = $('#history');
  box.hidden = !state.history.length;
  box.replaceChildren(...(state.history.length ? [el('li', { class: 'history-title' }, t('history'))] : []),
    ...state.history.map((e) => el('li', {}, [e.date, ('ev_' + e.type) in TEXT.zh ? t('ev_' + e.type) : t('ev_other'),
      e.amount ?? e.rate ?? (Array.isArray(e.actions) ? e.actions.map((a) => a?.type).filter((x) => ('act_' + x) in TEXT.zh).map((x) => t('act_' + x)).join('、') : '')]
      .filter(Boolean).join(' '))));
}

/* ---------- language, tabs ---------- */

function applyLanguage() {
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-label]')) node.setAttribute('aria-label', t(node.dataset.i18nLabel));
  $('#lang').setAttribute('lang', state.lang === 'zh' ? 'en' : 'zh-CN');
  document.title = `repay — ${t('title')}`;
  missedKey = '';
  renderPayments();
  renderHistory();
}

function showTab(name, focus = false) {
  state.tab = name;
  for (const tab of document.querySelectorAll('[role=tab]')) {
    const on = tab.dataset.tab === name;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    if (on && focus) tab.focus();
  }
  for (const panel of document.querySelectorAll('[role=tabpanel]')) panel.hidden = panel.id !== `panel-${name}`;
}

/* ---------- recompute as the user types ---------- */

const PANELS = { schedule: renderSchedulePanel, methods: renderMethods, prepay: renderPrepay, late: renderLate,
  offers: renderOffers, solve: renderSolve };

function recompute() {
  renderLoan();
  PANELS[state.tab]();
  saveHash();
  document.body.dataset.ready = String(Number(document.body.dataset.ready ?? 0) + 1);
}
// Typing recomputes at once (the answer is painted in the same frame);
// several events in one frame are one recompute.
let pending = 0;
function recomputeSoon() {
  if (pending) return;
  pending = requestAnimationFrame(() => { pending = 0; recompute(); });
}
function recomputeNow() {
  if (pending) { cancelAnimationFrame(pending); pending = 0; }
  recompute();
}

async function main() {
  performance.mark('main');
  $('#status').textContent = t('loading');
  $('#as_of').value = todayIso();
  $('#prepay_date').value = todayIso();
  loadHash();
  applyLanguage();
  showTab(state.tab);
  $('#status').textContent = t('loading');
  try {
    state.repay = await coreLoading;
    performance.mark('core-ready');
  } catch (e) {
    $('#status').textContent = t('load_failed') + e.message;
    return;
  }
  state.lpr = state.repay.lpr();
  $('#status').textContent = '';
  $('#version').textContent = `repay ${state.repay.version}`;
  const lprMode = () => { for (const n of document.querySelectorAll('.lpr-only')) n.hidden = val('rate_mode') !== 'lpr'; $('#fixed-rate').hidden = val('rate_mode') === 'lpr'; };
  lprMode();
  $('#rate_mode').addEventListener('change', lprMode);
  for (const form of ['#loan', '#late', '#whatif', '#prepay', '#solve']) {
    $(form).addEventListener('input', recomputeNow);
    $(form).addEventListener('change', recomputeNow);
    $(form).addEventListener('submit', (e) => e.preventDefault());
  }
  $('#missed').addEventListener('change', () => { if (String(val('days_late')).trim()) syncAsOf(); else syncDaysLate(); });
  $('#days_late').addEventListener('input', syncAsOf, { capture: true });
  $('#as_of').addEventListener('input', syncDaysLate, { capture: true });
  $('#as_of').addEventListener('change', syncDaysLate, { capture: true });
  for (const r of document.querySelectorAll('input[name=view]'))
    r.addEventListener('change', (e) => { state.view = e.target.value; recomputeNow(); });
  $('#col_choice').addEventListener('change', () => { $('#schedule').dataset.show = val('col_choice'); saveHash(); });
  $('#schedule').dataset.show = val('col_choice');
  $('#schedule-scroll').addEventListener('scroll', (e) => { table.scrollTop = e.target.scrollTop; table.boxH = e.target.clientHeight; requestAnimationFrame(() => paintRows()); }, { passive: true });
  $('#add-payment').addEventListener('click', () => {
    state.payments.push({ date: isDate(val('as_of')) ? val('as_of') : '', amount: '' });
    renderPayments();
    document.getElementById(`pay-amount-${state.payments.length - 1}`)?.focus();
    saveHash();
  });
  $('#lang').addEventListener('click', () => { state.lang = state.lang === 'zh' ? 'en' : 'zh'; applyLanguage(); recomputeNow(); });
  $('#print').addEventListener('click', () => window.print());
  window.addEventListener('beforeprint', () => { document.body.classList.add('printing-all'); if (state.tab === 'schedule' && state.schedule) paintRows(true); });
  window.addEventListener('afterprint', () => { document.body.classList.remove('printing-all'); if (state.tab === 'schedule' && state.schedule) paintRows(true); });
  $('#share').addEventListener('click', share);
  $('#csv-schedule').addEventListener('click', scheduleCsv);
  $('#csv-statement').addEventListener('click', () => exportCsv(state.schedule && isDate(val('as_of')) ? statementRequest().request : null, 'statement.csv'));
  $('#csv-compare').addEventListener('click', () => exportCsv(state.schedule && isDate(val('as_of')) ? compareRequest() : null, 'offers.csv'));
  const tabs = [...document.querySelectorAll('[role=tab]')];
  for (const tab of tabs) {
    tab.addEventListener('click', () => { showTab(tab.dataset.tab); recomputeNow(); });
    tab.addEventListener('keydown', (e) => {
      const i = tabs.indexOf(tab);
      const j = e.key === 'ArrowRight' ? (i + 1) % tabs.length : e.key === 'ArrowLeft' ? (i + tabs.length - 1) % tabs.length
        : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : -1;
      if (j < 0) return;
      e.preventDefault();
      showTab(tabs[j].dataset.tab, true);
      recomputeNow();
    });
  }
  let width = window.innerWidth;
  window.addEventListener('resize', () => {
    if (window.innerWidth === width) return;
    width = window.innerWidth;
    chartWidth = 0;
    if (state.tab === 'schedule') recomputeSoon();
  });
  recompute();
  performance.mark('first-result');
  requestAnimationFrame(() => setTimeout(() => performance.mark('first-paint-result')));
}

async function share() {
  saveHash();
  const url = location.href;
  const box = $('#share-url');
  let copied = false;
  try { await navigator.clipboard.writeText(url); copied = true; } catch { /* below */ }
  if (!copied) {
    box.hidden = false;
    box.value = url;
    box.select();
    try { copied = document.execCommand('copy'); } catch { copied = false; }
  }
  box.hidden = copied;
  if (!copied) { box.value = url; box.focus(); box.select(); }
  $('#status').textContent = copied ? t('shared') : t('share_failed');
}

main();
