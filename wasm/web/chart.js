// chart.js — yearly principal and interest as stacked bars, the balance at
// each year's end as a line (right axis), with axes, values and a tooltip.
// Drawn at the element's real pixel size, so its text stays readable on a
// phone. Geometry only: the figures it shows are the core's (yearly sums
// added exactly in app.js), never numbers computed here.

const NS = 'http://www.w3.org/2000/svg';
function node(tag, attrs = {}, text) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

// Round tick steps (1, 2, 5 × 10^k) for an axis up to max.
function ticks(max, count = 4) {
  if (!(max > 0)) return [0];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw);
  const out = [];
  for (let v = 0; v <= max + step * 1e-9; v += step) out.push(v);
  if (out.at(-1) < max) out.push(out.at(-1) + step);
  return out;
}

// An axis value in words: 40万 / 400k; below 10,000 as is.
function axisText(v, lang) {
  if (v === 0) return '0';
  if (lang === 'zh') return v >= 10000 ? `${+(v / 10000).toFixed(2)}万` : String(+v.toFixed(2));
  if (v >= 1e6) return `${+(v / 1e6).toFixed(2)}M`;
  return v >= 1000 ? `${+(v / 1000).toFixed(1)}k` : String(+v.toFixed(2));
}

export function renderChart(svg, years, opts) {
  const { lang, t, money, tip } = opts;
  const width = Math.max(280, Math.round(opts.width || 600));
  const narrow = width < 520;
  const height = narrow ? 240 : 280;
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('height', height);
  if (!years.length) { svg.replaceChildren(); return; }
  const L = narrow ? 44 : 56, R = narrow ? 48 : 60, T = 12, B = 28;
  const plotW = width - L - R, plotH = height - T - B;
  const maxPay = Math.max(...years.map((y) => Number(y.principal) + Number(y.interest)), 1);
  const maxBal = Math.max(Number(opts.principal) || 0, ...years.map((y) => Number(y.balance)), 1);
  const leftTicks = ticks(maxPay), rightTicks = ticks(maxBal);
  const topPay = leftTicks.at(-1), topBal = rightTicks.at(-1);
  const band = plotW / years.length;
  const barW = Math.max(1, Math.min(band * 0.7, 28));
  const yPay = (v) => T + plotH - (plotH * v) / topPay;
  const yBal = (v) => T + plotH - (plotH * v) / topBal;
  const parts = [];
  // grid and left axis (yearly payments)
  for (const v of leftTicks) {
    const y = yPay(v).toFixed(1);
    parts.push(node('line', { x1: L, x2: L + plotW, y1: y, y2: y, class: 'grid' }));
    parts.push(node('text', { x: L - 6, y: +y + 4, class: 'tick end' }, axisText(v, lang)));
  }
  // right axis (balance)
  for (const v of rightTicks) parts.push(node('text', { x: L + plotW + 6, y: yBal(v) + 4, class: 'tick bal' }, axisText(v, lang)));
  parts.push(node('line', { x1: L, x2: L, y1: T, y2: T + plotH, class: 'axis' }));
  parts.push(node('line', { x1: L, x2: L + plotW, y1: T + plotH, y2: T + plotH, class: 'axis' }));
  parts.push(node('line', { x1: L + plotW, x2: L + plotW, y1: T, y2: T + plotH, class: 'axis' }));
  // bars
  const every = Math.ceil(years.length / (narrow ? 5 : 10));
  years.forEach((yr, i) => {
    const cx = L + band * (i + 0.5);
    const p = Number(yr.principal), it = Number(yr.interest);
    const g = node('g', { class: 'year', 'data-i': i });
    g.append(node('rect', { x: (cx - barW / 2).toFixed(1), y: yPay(p).toFixed(1), width: barW.toFixed(1),
      height: Math.max(0, T + plotH - yPay(p)).toFixed(1), class: 'bar-principal' }));
    g.append(node('rect', { x: (cx - barW / 2).toFixed(1), y: yPay(p + it).toFixed(1), width: barW.toFixed(1),
      height: Math.max(0, yPay(p) - yPay(p + it)).toFixed(1), class: 'bar-interest' }));
    // a transparent band: the whole column is the target for a tap
    g.append(node('rect', { x: (L + band * i).toFixed(1), y: T, width: band.toFixed(1), height: plotH, class: 'hit' }));
    parts.push(g);
    if (i % every === 0 || i === years.length - 1 && (i % every) > every / 2)
      parts.push(node('text', { x: cx.toFixed(1), y: T + plotH + 18, class: 'tick mid' }, yr.year));
  });
  // balance line, starting from the principal
  let d = `M${L},${yBal(Number(opts.principal) || 0).toFixed(1)}`;
  years.forEach((yr, i) => { d += ` L${(L + band * (i + 1)).toFixed(1)},${yBal(Number(yr.balance)).toFixed(1)}`; });
  parts.push(node('path', { d, class: 'balance' }));
  svg.replaceChildren(...parts);

  const show = (i) => {
    const yr = years[i];
    if (!yr) return;
    tip.textContent = t('chart_tip', { year: yr.year, payment: money(yr.payment), principal: money(yr.principal),
      interest: money(yr.interest), balance: money(yr.balance) });
    tip.hidden = false;
    for (const g of svg.querySelectorAll('g.year.on')) g.classList.remove('on');
    svg.querySelector(`g.year[data-i="${i}"]`)?.classList.add('on');
  };
  svg.onpointermove = svg.onclick = (e) => {
    const g = e.target.closest?.('g.year');
    if (g) show(Number(g.dataset.i));
  };
  svg.onkeydown = (e) => {
    const on = svg.querySelector('g.year.on');
    let i = on ? Number(on.dataset.i) : -1;
    if (e.key === 'ArrowRight') i = Math.min(years.length - 1, i + 1);
    else if (e.key === 'ArrowLeft') i = Math.max(0, i - 1);
    else return;
    e.preventDefault();
    show(i);
  };
}
