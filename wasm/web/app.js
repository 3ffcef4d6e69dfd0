// app.js — the borrower's calculator page. Every figure comes from the repay
// core (WebAssembly, same JSON API and bytes as the command line); this file
// only builds requests from the form, shows responses and translates labels.
// No amount is computed here: the page formats what the core returns.
import { load } from './repay.mjs';

const TEXT = {
  zh: {
    title: '还款计算器', tagline: '精确到分，在您的浏览器里计算，不发送任何数据。',
    switch: 'English', share: '复制分享链接', shared: '链接已复制', print: '打印',
    loan: '贷款', principal: '贷款金额（元）', rate: '年利率', rate_hint: '如 4.9%、月5‰、日万分之五',
    term: '期数（月）', method: '还款方式', annuity: '等额本息', equal_principal: '等额本金',
    interest_only: '先息后本', flat: '等本等息', start: '放款日',
    payment: '月供', total_interest: '总利息', apr: '年化利率（IRR）', total: '还款总额',
    first_last: '首期 {first}，末期 {last}',
    schedule: '还款计划', monthly: '按月', yearly: '按年', csv: '导出 CSV',
    n: '期', year: '年份', due_date: '还款日', principal_col: '本金', interest_col: '利息',
    fee_col: '费用', balance: '剩余本金', payment_col: '应还',
    chart_balance: '剩余本金', chart_interest: '累计利息',
    late: '我逾期了', late_intro: '填写截至哪天、已还的款项，算出今天应还多少、怎么算的。',
    as_of: '截至日期', missed: '错过的还款日', days_late: '已逾期（天）',
    markup: '罚息上浮', compound: '逾期利息计复利',
    pay_date: '还款日期', pay_amount: '还款金额', remove: '删除', add_payment: '添加一笔还款',
    owed_today: '今天应还', dpd: '逾期天数', payoff: '今天全部结清',
    workings: '计算过程', installments_due: '到期各期', status: '状态',
    due: '应还', paid: '已还', outstanding: '未还', days: '逾期天数',
    owed_principal: '逾期本金', owed_interest: '逾期利息', owed_penalty_interest: '罚息',
    owed_compound_interest: '复利', owed_late_fees: '违约金', owed_fees: '费用', owed_total: '合计',
    st_paid: '已还清', st_paid_late: '逾期后还清', st_partly_paid: '部分还款', st_overdue: '逾期',
    st_not_due: '未到期', no_workings: '没有罚息或复利。',
    whatif: '如果……', whatif_intro: '以“我逾期了”的日期为准，比较几种方案。',
    extend_months: '展期（月）', defer_months: '延期（月）', freeze_months: '停息分期（期数）',
    waive_share: '减免罚息复利比例',
    offers: '方案对比', proposal: '方案', plan_payment: '每期', plan_term: '期数',
    plan_total: '总共要还', plan_waived: '减免', plan_saving: '比今天结清少付', plan_apr: '年化利率',
    plan_first: '首个还款日', plan_today: '今天应还',
    p_now: '今天全部结清', p_extend: '展期 {n} 个月', p_defer: '延期 {n} 个月',
    p_freeze: '停息分期 {n} 期', p_waive: '减免罚息复利 {s}',
    not_possible: '不可行：', footer: 'repay：精确有理数运算（GMP），规则见 README。',
    loading: '正在加载计算核心……', load_failed: '计算核心加载失败：',
    err_invalid_value: '输入无效', err_missing_field: '必须填写', err_out_of_range: '超出范围',
    err_invalid_date: '日期无效', err_inconsistent: '前后矛盾',
    field_error: '请检查：',
  },
  en: {
    title: 'Loan calculator', tagline: 'Exact to the fen, computed in your browser; nothing is sent anywhere.',
    switch: '中文', share: 'Copy share link', shared: 'Link copied', print: 'Print',
    loan: 'Loan', principal: 'Amount (yuan)', rate: 'Annual rate', rate_hint: 'e.g. 4.9%, 月5‰, 日万分之五',
    term: 'Term (months)', method: 'Repayment method', annuity: 'Equal payments (等额本息)',
    equal_principal: 'Equal principal (等额本金)', interest_only: 'Interest only (先息后本)',
    flat: 'Flat rate (等本等息)', start: 'Start date',
    payment: 'Monthly payment', total_interest: 'Total interest', apr: 'APR (IRR)', total: 'Total to repay',
    first_last: 'first {first}, last {last}',
    schedule: 'Schedule', monthly: 'By month', yearly: 'By year', csv: 'Export CSV',
    n: 'No.', year: 'Year', due_date: 'Due date', principal_col: 'Principal', interest_col: 'Interest',
    fee_col: 'Fee', balance: 'Balance', payment_col: 'Payment',
    chart_balance: 'Balance', chart_interest: 'Interest paid so far',
    late: "I'm late", late_intro: 'Give the date and the payments you made: see what is owed today and how it was worked out.',
    as_of: 'As of', missed: 'Due date missed', days_late: 'Days late',
    markup: 'Penalty markup', compound: 'Compound interest on overdue interest',
    pay_date: 'Paid on', pay_amount: 'Amount', remove: 'Remove', add_payment: 'Add a payment',
    owed_today: 'Owed today', dpd: 'Days past due', payoff: 'To close the loan today',
    workings: 'How it was worked out', installments_due: 'Installments due', status: 'Status',
    due: 'Due', paid: 'Paid', outstanding: 'Unpaid', days: 'Days late',
    owed_principal: 'Overdue principal', owed_interest: 'Overdue interest',
    owed_penalty_interest: 'Penalty interest (罚息)', owed_compound_interest: 'Compound interest (复利)',
    owed_late_fees: 'Late fees (违约金)', owed_fees: 'Fees', owed_total: 'Total',
    st_paid: 'paid', st_paid_late: 'paid late', st_partly_paid: 'partly paid', st_overdue: 'overdue',
    st_not_due: 'not due', no_workings: 'No penalty or compound interest.',
    whatif: 'What if…', whatif_intro: "Offers compared on the \"I'm late\" date.",
    extend_months: 'Extend by (months)', defer_months: 'Defer by (months)',
    freeze_months: 'Freeze interest, installments', waive_share: 'Waive penalty and compound',
    offers: 'Offers side by side', proposal: 'Offer', plan_payment: 'Payment', plan_term: 'Installments',
    plan_total: 'Total to pay', plan_waived: 'Waived', plan_saving: 'Less than closing today',
    plan_apr: 'APR', plan_first: 'First due', plan_today: 'Due today',
    p_now: 'Close the loan today', p_extend: 'Extend {n} months', p_defer: 'Defer {n} months',
    p_freeze: 'Freeze, {n} installments', p_waive: 'Waive penalties {s}',
    not_possible: 'Not possible: ', footer: 'repay: exact rational arithmetic (GMP); the rules are in the README.',
    loading: 'Loading the calculator…', load_failed: 'The calculator could not load: ',
    err_invalid_value: 'Invalid value', err_missing_field: 'Required', err_out_of_range: 'Out of range',
    err_invalid_date: 'Invalid date', err_inconsistent: 'Inconsistent',
    field_error: 'Please check: ',
  },
};

// Where each JSON path of a request comes from on the page.
const FIELD_OF_PATH = [
  [/^\$\.loan\.principal/, 'principal'], [/^\$\.loan\.rate/, 'rate'], [/^\$\.loan\.term/, 'term'],
  [/^\$\.loan\.method/, 'method'], [/^\$\.loan\.start_date/, 'start_date'],
  [/^\$\.loan\.overdue\.penalty_markup/, 'markup'], [/^\$\.(as_of|date)/, 'as_of'],
  [/^\$\.events\[(\d+)\]\.date/, (m) => `pay-date-${m[1]}`],
  [/^\$\.events\[(\d+)\]\.amount/, (m) => `pay-amount-${m[1]}`],
  [/^\$\.events\[(\d+)\]/, (m) => `pay-amount-${m[1]}`],
];

const state = { lang: 'zh', view: 'month', payments: [], repay: null };
const $ = (sel) => document.querySelector(sel);
const t = (key, vars = {}) =>
  (TEXT[state.lang][key] ?? key).replace(/\{(\w+)\}/g, (_, k) => vars[k] ?? '');

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : String(c));
  return node;
}

// Groups digits of a decimal string the core returned, without touching its value.
function money(s) {
  if (s === null || s === undefined) return '–';
  const [int, frac] = String(s).split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac !== undefined ? '.' + frac : '');
}

// "0.049000004080" → "4.90%": shifts the decimal point of the core's text.
function percent(s, places = 2) {
  if (s === null || s === undefined) return '–';
  const neg = s.startsWith('-');
  let [int, frac = ''] = (neg ? s.slice(1) : s).split('.');
  frac = frac.padEnd(places + 3, '0');
  const whole = String(Number(int + frac.slice(0, 2)));
  const kept = frac.slice(2, 2 + places);
  const next = Number(frac[2 + places] ?? '0');
  // Round half up on the digit string (display only; the core's value stays in the tooltip).
  let out = BigInt(whole + kept) + (next >= 5 ? 1n : 0n);
  const txt = out.toString().padStart(places + 1, '0');
  return (neg ? '-' : '') + txt.slice(0, txt.length - places) + (places ? '.' + txt.slice(-places) : '') + '%';
}

/* ---------- requests ---------- */

function loanSpec() {
  const f = (id) => $('#' + id).value.trim();
  const loan = { principal: f('principal'), rate: f('rate'), method: f('method') };
  const term = f('term');
  loan.term = /^\d+$/.test(term) ? Number(term) : term; // a non-number gets the core's message
  if (f('start_date')) loan.start_date = f('start_date');
  if (loan.method === 'flat') loan.flat_charge = 'interest';
  return loan;
}

function overdueLoan() {
  const loan = loanSpec();
  loan.overdue = { penalty_markup: $('#markup').value.trim(), compound: $('#compound').checked };
  loan.allocation = 'bank_default';
  return loan;
}

function paymentEvents() {
  return state.payments
    .filter((p) => p.date || p.amount)
    .map((p) => ({ type: 'payment', date: p.date, amount: p.amount }));
}

function scheduleRequest() {
  return { op: 'schedule', loan: loanSpec() };
}

function statementRequest() {
  return { op: 'statement', as_of: $('#as_of').value, loan: overdueLoan(), events: paymentEvents() };
}

function compareRequest() {
  const n = (id) => $('#' + id).value.trim();
  const waive = n('waive');
  const waivers = waive && !/^0+(\.0*)?%?$/.test(waive)
    ? ['penalty_interest', 'compound_interest', 'late_fees'].map((c) => ({ type: 'waive', component: c, share: waive }))
    : [];
  const proposals = [{ name: t('p_now'), actions: [{ type: 'settle', discount: '0%' }] }];
  if (waivers.length) proposals.push({ name: t('p_waive', { s: waive }), actions: waivers });
  const num = (v) => (/^\d+$/.test(v) ? Number(v) : v);
  if (n('extend')) proposals.push({ name: t('p_extend', { n: n('extend') }),
    actions: [...waivers, { type: 'extend', periods: num(n('extend')) }, { type: 'reamortize' }] });
  if (n('defer')) proposals.push({ name: t('p_defer', { n: n('defer') }),
    actions: [...waivers, { type: 'defer', installments: num(n('defer')) }] });
  if (n('freeze')) proposals.push({ name: t('p_freeze', { n: n('freeze') }),
    actions: [...waivers, { type: 'freeze', installments: num(n('freeze')) }] });
  return { op: 'compare', date: $('#as_of').value, loan: overdueLoan(), events: paymentEvents(), proposals };
}

/* ---------- errors next to fields ---------- */

function clearErrors(scope) {
  for (const s of document.querySelectorAll(`${scope} small.error`)) s.textContent = '';
  for (const i of document.querySelectorAll(`${scope} [aria-invalid]`)) i.removeAttribute('aria-invalid');
}

// Shows an error response next to the field its path names; true if it was one.
function showError(response, scope, fallback) {
  if (response.ok) return false;
  const { code, path, message } = response.error;
  let field = null;
  for (const [re, target] of FIELD_OF_PATH) {
    const m = re.exec(path || '');
    if (m) { field = typeof target === 'function' ? target(m) : target; break; }
  }
  const label = TEXT[state.lang]['err_' + code] ?? code;
  const slot = field && document.querySelector(`small.error[data-for="${field}"]`);
  const text = `${label}: ${message}`;
  if (slot) {
    slot.textContent = text;
    document.getElementById(field)?.setAttribute('aria-invalid', 'true');
  } else {
    $(fallback).textContent = `${t('field_error')}${path} — ${text}`;
  }
  return true;
}

/* ---------- the loan ---------- */

let lastSchedule = null;

function renderLoan() {
  clearErrors('#loan-section');
  $('#loan-message').textContent = '';
  const response = state.repay.run(scheduleRequest());
  if (showError(response, '#loan-section', '#loan-message')) {
    lastSchedule = null;
    for (const id of ['out-payment', 'out-interest', 'out-apr', 'out-total']) $('#' + id).textContent = '–';
    $('#out-payment-note').textContent = '';
    $('#schedule thead').replaceChildren();
    $('#schedule tbody').replaceChildren();
    $('#chart').replaceChildren();
    return;
  }
  lastSchedule = response;
  const s = response.summary;
  $('#out-payment').textContent = money(s.payment ?? s.first_payment);
  $('#out-payment-note').textContent = s.first_payment !== s.last_payment
    ? t('first_last', { first: money(s.first_payment), last: money(s.last_payment) }) : '';
  $('#out-interest').textContent = money(response.totals.interest);
  $('#out-apr').textContent = percent(s.apr);
  $('#out-apr').title = s.apr ?? '';
  $('#out-total').textContent = money(response.totals.payment);
  renderScheduleTable(response);
  renderChart(response);
  fillMissedDates(response);
}

// Adds two decimal strings with the same number of places, exactly (BigInt).
function addDecimal(a, b) {
  const places = Math.max((a.split('.')[1] ?? '').length, (b.split('.')[1] ?? '').length);
  const toInt = (s) => {
    const [i, f = ''] = s.split('.');
    const neg = i.startsWith('-');
    const v = BigInt((neg ? i.slice(1) : i) + f.padEnd(places, '0'));
    return neg ? -v : v;
  };
  const v = toInt(a) + toInt(b);
  const neg = v < 0n;
  const txt = (neg ? -v : v).toString().padStart(places + 1, '0');
  return (neg ? '-' : '') + (places ? txt.slice(0, -places) + '.' + txt.slice(-places) : txt);
}

function yearRows(rows) {
  const years = new Map();
  for (const r of rows) {
    const y = r.due_date.slice(0, 4);
    const acc = years.get(y) ?? { year: y, count: 0, payment: '0', principal: '0', interest: '0', fee: '0' };
    for (const k of ['payment', 'principal', 'interest', 'fee']) acc[k] = addDecimal(acc[k], r[k]);
    acc.count += 1;
    acc.balance = r.balance;
    years.set(y, acc);
  }
  return [...years.values()];
}

function renderScheduleTable(response) {
  const head = $('#schedule thead');
  const body = $('#schedule tbody');
  const cols = state.view === 'year'
    ? [['year', 'year'], ['count', 'plan_term'], ['payment', 'payment_col'], ['principal', 'principal_col'],
       ['interest', 'interest_col'], ['fee', 'fee_col'], ['balance', 'balance']]
    : [['n', 'n'], ['due_date', 'due_date'], ['payment', 'payment_col'], ['principal', 'principal_col'],
       ['interest', 'interest_col'], ['fee', 'fee_col'], ['balance', 'balance']];
  head.replaceChildren(el('tr', {}, ...cols.map(([, k]) => el('th', {}, t(k)))));
  const rows = state.view === 'year' ? yearRows(response.installments) : response.installments;
  const frag = document.createDocumentFragment();
  for (const r of rows) {
    frag.append(el('tr', {}, ...cols.map(([k]) => {
      const v = r[k];
      return el('td', {}, typeof v === 'string' && /^-?\d+\.\d+$/.test(v) ? money(v) : v);
    })));
  }
  const tot = response.totals;
  frag.append(el('tr', { class: 'total' }, el('td', {}, t('total')), el('td', {}, ''),
    el('td', {}, money(tot.payment)), el('td', {}, money(tot.principal)), el('td', {}, money(tot.interest)),
    el('td', {}, money(tot.fee)), el('td', {}, '')));
  body.replaceChildren(frag);
}

// Balance (line) and interest paid so far (area), scaled to the principal.
function renderChart(response) {
  const svg = $('#chart');
  const rows = response.installments;
  const W = 600, H = 200, L = 8, B = 20;
  const max = Number(response.summary.principal) || 1;
  let cum = 0;
  const maxInterest = Math.max(Number(response.totals.interest), 1e-9);
  const top = Math.max(max, maxInterest);
  const x = (i) => L + ((W - 2 * L) * (i + 1)) / rows.length;
  const y = (v) => H - B - ((H - B - 10) * v) / top;
  // Chart geometry only: the amounts shown as numbers come from the core as text.
  let balance = `M${L},${y(max)}`, interest = `M${L},${y(0)}`;
  rows.forEach((r, i) => {
    cum += Number(r.interest);
    balance += ` L${x(i).toFixed(1)},${y(Number(r.balance)).toFixed(1)}`;
    interest += ` L${x(i).toFixed(1)},${y(cum).toFixed(1)}`;
  });
  const ns = 'http://www.w3.org/2000/svg';
  const path = (d, cls) => { const p = document.createElementNS(ns, 'path'); p.setAttribute('d', d); p.setAttribute('class', cls); return p; };
  const text = (x0, y0, s, cls) => { const e = document.createElementNS(ns, 'text'); e.setAttribute('x', x0); e.setAttribute('y', y0); e.setAttribute('class', cls); e.textContent = s; return e; };
  const axis = path(`M${L},${H - B} L${W - L},${H - B}`, 'axis');
  svg.replaceChildren(axis, path(interest, 'interest'), path(balance, 'balance'),
    text(L, H - 4, rows[0]?.due_date.slice(0, 4) ?? '', 'label'),
    text(W - L, H - 4, rows.at(-1)?.due_date.slice(0, 4) ?? '', 'label end'),
    text(W - 200, 16, '— ' + t('chart_balance'), 'legend balance-text'),
    text(W - 200, 32, '— ' + t('chart_interest'), 'legend interest-text'));
}

/* ---------- I'm late ---------- */

function fillMissedDates(response) {
  const select = $('#missed');
  const keep = select.value;
  const dates = response.installments.slice(0, 120).map((r) => r.due_date);
  select.replaceChildren(el('option', { value: '' }, '—'), ...dates.map((d) => el('option', { value: d }, d)));
  if (dates.includes(keep)) select.value = keep;
}

function addDays(iso, days) {
  const d = new Date(iso + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function syncAsOf() {
  const due = $('#missed').value;
  const days = $('#days_late').value.trim();
  if (due && /^\d{1,5}$/.test(days)) $('#as_of').value = addDays(due, Number(days));
}

function renderPayments() {
  const box = $('#payments');
  box.replaceChildren(...state.payments.map((p, i) => el('div', { class: 'payment' },
    el('label', {}, el('span', {}, t('pay_date')),
      el('input', { id: `pay-date-${i}`, type: 'date', value: p.date,
        oninput: (e) => { p.date = e.target.value; schedule(); } }),
      el('small', { class: 'error', 'data-for': `pay-date-${i}` })),
    el('label', {}, el('span', {}, t('pay_amount')),
      el('input', { id: `pay-amount-${i}`, inputmode: 'decimal', value: p.amount,
        oninput: (e) => { p.amount = e.target.value; schedule(); } }),
      el('small', { class: 'error', 'data-for': `pay-amount-${i}` })),
    el('button', { type: 'button', class: 'remove',
      onclick: () => { state.payments.splice(i, 1); renderPayments(); schedule(); } }, t('remove')))));
}

let lastStatement = null;

function renderLate() {
  clearErrors('#late-section');
  $('#late-message').textContent = '';
  if (!lastSchedule) return;
  const response = state.repay.run(statementRequest());
  const owed = $('#owed tbody');
  if (showError(response, '#late-section', '#late-message')) {
    lastStatement = null;
    for (const id of ['out-owed', 'out-dpd', 'out-payoff']) $('#' + id).textContent = '–';
    owed.replaceChildren();
    $('#workings').replaceChildren();
    $('#statement thead').replaceChildren();
    $('#statement tbody').replaceChildren();
    return;
  }
  lastStatement = response;
  $('#out-owed').textContent = money(response.summary.total_due);
  $('#out-dpd').textContent = response.summary.dpd;
  $('#out-payoff').textContent = money(response.summary.payoff);
  owed.replaceChildren(...['principal', 'interest', 'penalty_interest', 'compound_interest', 'late_fees', 'fees', 'total']
    .map((k) => el('tr', k === 'total' ? { class: 'total' } : {}, el('th', {}, t('owed_' + k)), el('td', {}, money(response.owed[k])))));
  const sentences = response.workings.filter((w) => w.amount !== '0.00').map((w) => el('li', {}, w[state.lang]));
  $('#workings').replaceChildren(...(sentences.length ? sentences : [el('li', {}, t('no_workings'))]));
  const due = response.installments.filter((r) => r.status !== 'not_due');
  $('#statement thead').replaceChildren(el('tr', {}, ...['n', 'due_date', 'status', 'days', 'due', 'paid', 'outstanding'].map((k) => el('th', {}, t(k)))));
  $('#statement tbody').replaceChildren(...due.map((r) => el('tr', { class: r.status },
    el('td', {}, r.n), el('td', {}, r.due_date), el('td', {}, t('st_' + r.status)), el('td', {}, r.days_past_due),
    el('td', {}, money(r.due.total)), el('td', {}, money(r.paid.total)), el('td', {}, money(r.outstanding.total)))));
}

/* ---------- what if ---------- */

let lastCompare = null;

function renderWhatIf() {
  $('#whatif-message').textContent = '';
  if (!lastStatement) { $('#compare thead').replaceChildren(); $('#compare tbody').replaceChildren(); return; }
  const response = state.repay.run(compareRequest());
  if (showError(response, '#whatif-section', '#whatif-message')) { lastCompare = null; return; }
  lastCompare = response;
  const cols = ['proposal', 'plan_payment', 'plan_term', 'plan_today', 'plan_first', 'plan_total', 'plan_waived', 'plan_saving', 'plan_apr'];
  $('#compare thead').replaceChildren(el('tr', {}, ...cols.map((k) => el('th', {}, t(k)))));
  $('#compare tbody').replaceChildren(...response.proposals.map((p) => p.ok
    ? el('tr', {}, el('td', {}, p.name), el('td', {}, money(p.payment)), el('td', {}, p.installment_count),
        el('td', {}, money(p.due_on_date ?? '0.00')), el('td', {}, p.first_due_date), el('td', {}, money(p.total_to_pay)),
        el('td', {}, money(p.waived)), el('td', {}, money(p.saving)), el('td', {}, p.apr === null ? '–' : percent(p.apr)))
    : el('tr', { class: 'failed' }, el('td', {}, p.name), el('td', { colspan: cols.length - 1 }, t('not_possible') + p.error.message))));
}

/* ---------- CSV, share, language ---------- */

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
  download(name, state.repay.runText(request, 'csv'));
}

function scheduleCsv() {
  if (state.view !== 'year') return exportCsv(scheduleRequest(), 'schedule.csv');
  const rows = yearRows(lastSchedule.installments);
  const lines = ['year,installments,payment,principal,interest,fee,balance',
    ...rows.map((r) => [r.year, r.count, r.payment, r.principal, r.interest, r.fee, r.balance].join(','))];
  download('schedule-by-year.csv', lines.join('\n') + '\n');
}

const SHARED = ['principal', 'rate', 'term', 'method', 'start_date', 'as_of', 'markup', 'extend', 'defer', 'freeze', 'waive'];

function saveHash() {
  const p = new URLSearchParams();
  for (const id of SHARED) p.set(id, $('#' + id).value);
  p.set('compound', $('#compound').checked ? '1' : '0');
  state.payments.forEach((x) => p.append('pay', `${x.date}~${x.amount}`));
  p.set('lang', state.lang);
  p.set('view', state.view);
  history.replaceState(null, '', '#' + p.toString());
}

function loadHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  for (const id of SHARED) if (p.has(id)) $('#' + id).value = p.get(id);
  if (p.has('compound')) $('#compound').checked = p.get('compound') === '1';
  if (p.has('pay')) state.payments = p.getAll('pay').map((s) => { const [date, amount = ''] = s.split('~'); return { date, amount }; });
  if (p.get('lang') === 'en' || p.get('lang') === 'zh') state.lang = p.get('lang');
  if (p.get('view') === 'year') { state.view = 'year'; document.querySelector('input[name=view][value=year]').checked = true; }
}

function applyLanguage() {
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  document.title = `repay — ${t('title')}`;
  renderPayments();
}

/* ---------- recompute as the user types ---------- */

let timer = 0;
function recompute() {
  renderLoan();
  renderLate();
  renderWhatIf();
  saveHash();
  document.body.dataset.ready = String(Number(document.body.dataset.ready ?? 0) + 1);
}
function schedule() {
  clearTimeout(timer);
  timer = setTimeout(recompute, 60);
}

async function main() {
  $('#status').textContent = t('loading');
  try {
    state.repay = await load();
  } catch (e) {
    $('#status').textContent = t('load_failed') + e.message;
    return;
  }
  $('#status').textContent = '';
  $('#version').textContent = `repay ${state.repay.version}`;
  state.payments = [{ date: '2024-03-16', amount: '5339.78' }];
  loadHash();
  applyLanguage();
  for (const form of ['#loan', '#late', '#whatif']) $(form).addEventListener('input', schedule);
  $('#missed').addEventListener('change', syncAsOf);
  $('#days_late').addEventListener('input', syncAsOf);
  $('#as_of').addEventListener('input', () => { $('#days_late').value = ''; });
  for (const r of document.querySelectorAll('input[name=view]'))
    r.addEventListener('change', (e) => { state.view = e.target.value; if (lastSchedule) renderScheduleTable(lastSchedule); saveHash(); });
  $('#add-payment').addEventListener('click', () => { state.payments.push({ date: $('#as_of').value, amount: '' }); renderPayments(); });
  $('#lang').addEventListener('click', () => { state.lang = state.lang === 'zh' ? 'en' : 'zh'; applyLanguage(); recompute(); });
  $('#print').addEventListener('click', () => window.print());
  $('#share').addEventListener('click', async () => {
    saveHash();
    try { await navigator.clipboard.writeText(location.href); } catch { /* the address bar has it */ }
    $('#status').textContent = t('shared');
  });
  $('#csv-schedule').addEventListener('click', scheduleCsv);
  $('#csv-statement').addEventListener('click', () => exportCsv(statementRequest(), 'statement.csv'));
  $('#csv-compare').addEventListener('click', () => exportCsv(compareRequest(), 'offers.csv'));
  recompute();
}

main();
