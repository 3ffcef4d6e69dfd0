// format.js — text in and text out, never a computed amount.
//
// Reading: what a borrower types ("100万", "1,000,000", "4.9", "30年") becomes
// the request text the core reads ("1000000", "4.9%", 360) by moving digits
// and adding units — no rounding, no floating point.
// Writing: the core's decimal strings are grouped ("5,307.27") and rates
// shown as percents by shifting the decimal point.
// Exact helpers (decAdd, decSub, decCmp) add, subtract and compare the core's
// decimal strings as BigInt integers: used for yearly sums, differences
// between two plans and LPR + 基点 — exact, never rounded, so every figure on
// the page is still one the core's figures give by addition.

const FULL_WIDTH = /[\uFF10-\uFF19\uFF0E\uFF0C\uFF05]/g; // ０-９ ． ， ％
export function ascii(text) {
  return String(text ?? '').replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xFEE0)).trim();
}

const DECIMAL = /^\d+(\.\d+)?$/;

// "12.5" moved k places to the right: "125000" (k = 4). Digits only.
export function shiftLeft(s, k) {
  let [int, frac = ''] = s.split('.');
  frac = frac.padEnd(k, '0');
  int = (int + frac.slice(0, k)).replace(/^0+(?=\d)/, '');
  const rest = frac.slice(k).replace(/0+$/, '');
  return rest ? `${int}.${rest}` : int;
}

// An amount as typed → the core's text. 1,000,000 / 100万 / 1.5亿 / 100万元;
// unit "wan" reads a bare number as 万元. Anything else is passed on as typed
// (the core refuses it and the page says why, in words).
export function readAmount(text, unit = 'yuan') {
  let s = ascii(text).replace(/[\s,，]/g, '').replace(/元$/, '');
  let k = unit === 'wan' ? 4 : 0;
  if (/万$/.test(s)) { k = 4; s = s.slice(0, -1); } else if (/亿$/.test(s)) { k = 8; s = s.slice(0, -1); }
  if (!DECIMAL.test(s)) return ascii(text);
  return shiftLeft(s, k);
}

// A rate typed in a box labelled "%": a bare number is a percent (4.9 → "4.9%");
// text with its own unit or words (月5‰, 日万分之五, 4.9%) is the core's to read.
export function readPercent(text) {
  const s = ascii(text).replace(/\s+/g, '');
  return DECIMAL.test(s) ? `${s}%` : s;
}

// A term typed as months or years ("30年", "360", "360期", 2.5 years = 30):
// the whole number of months, or the text as typed if it is not one.
export function readTerm(text, unit = 'month') {
  let s = ascii(text).replace(/\s+/g, '');
  let years = unit === 'year';
  if (/年$/.test(s)) { years = true; s = s.slice(0, -1); } else if (/(个月|月|期)$/.test(s)) { years = false; s = s.replace(/(个月|月|期)$/, ''); }
  if (!DECIMAL.test(s)) return s;
  if (!years) return /^\d+$/.test(s) ? Number(s) : s;
  const [int, frac = ''] = s.split('.');
  const scale = 10n ** BigInt(frac.length);
  const months = BigInt(int + frac) * 12n;
  return months % scale === 0n ? Number(months / scale) : s;
}

// A whole number typed (months, installments): a number, or the text as typed.
export function readInt(text) {
  const s = ascii(text);
  return /^\d+$/.test(s) ? Number(s) : s;
}

/* ---------- exact decimal strings ---------- */

function scaled(s, places) {
  const neg = s.startsWith('-');
  const [i, f = ''] = (neg || s.startsWith('+') ? s.slice(1) : s).split('.');
  const v = BigInt((i || '0') + f.padEnd(places, '0'));
  return neg ? -v : v;
}
const placesOf = (...xs) => Math.max(...xs.map((s) => (String(s).split('.')[1] ?? '').length));
function unscaled(v, places) {
  const neg = v < 0n;
  const txt = (neg ? -v : v).toString().padStart(places + 1, '0');
  return (neg ? '-' : '') + (places ? `${txt.slice(0, -places)}.${txt.slice(-places)}` : txt);
}
export function decAdd(a, b) { const p = placesOf(a, b); return unscaled(scaled(String(a), p) + scaled(String(b), p), p); }
export function decSub(a, b) { const p = placesOf(a, b); return unscaled(scaled(String(a), p) - scaled(String(b), p), p); }
export function decCmp(a, b) {
  const p = placesOf(a, b);
  const d = scaled(String(a), p) - scaled(String(b), p);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}
export const decSum = (list) => list.reduce((acc, x) => decAdd(acc, x), '0.00');
export const isNegative = (s) => String(s).startsWith('-') && /[1-9]/.test(s);
export const absText = (s) => String(s).replace(/^[-+]/, '');

/* ---------- display ---------- */

// Groups digits of a decimal string the core returned, without touching its value.
export function money(s) {
  if (s === null || s === undefined || s === '') return '–';
  const [int, frac] = String(s).split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac !== undefined ? '.' + frac : '');
}

// "0.049000004080" → "4.90%": the decimal point moved two places, the digits
// rounded half up for display (the exact value goes in the title).
export function percent(s, places = 2) {
  if (s === null || s === undefined) return '–';
  const neg = s.startsWith('-');
  let [int, frac = ''] = (neg ? s.slice(1) : s).split('.');
  frac = frac.padEnd(places + 3, '0');
  const whole = String(Number(int + frac.slice(0, 2)));
  const kept = frac.slice(2, 2 + places);
  const next = Number(frac[2 + places] ?? '0');
  const out = BigInt(whole + kept) + (next >= 5 ? 1n : 0n);
  const txt = out.toString().padStart(places + 1, '0');
  return (neg ? '-' : '') + txt.slice(0, txt.length - places) + (places ? '.' + txt.slice(-places) : '') + '%';
}

// "0.0735" → "7.35%" exactly (no rounding; trailing zeros dropped).
export function percentExact(s) {
  if (s === null || s === undefined) return '–';
  const neg = s.startsWith('-');
  const t = shiftLeft(neg ? s.slice(1) : s, 2);
  return (neg ? '-' : '') + t + '%';
}

// "125" moved k places to the left: "1.25" (k = 2). Digits only.
export function shiftRight(s, k) {
  const [int, frac = ''] = s.split('.');
  const padded = int.padStart(k + 1, '0');
  const head = padded.slice(0, padded.length - k).replace(/^0+(?=\d)/, '');
  const tail = (padded.slice(padded.length - k) + frac).replace(/0+$/, '');
  return tail ? `${head}.${tail}` : head;
}

// LPR + 基点 as rate text, exactly: "3.50%" and -30 → "3.2%"; null if unreadable.
export function lprPlus(lpr, bp) {
  const base = ascii(lpr).replace(/%$/, '');
  const b = ascii(bp).replace(/\s+/g, '').replace(/(基点|bp|BP)$/, '') || '0';
  const m = /^([+-]?)(\d+(?:\.\d+)?)$/.exec(b);
  if (!m || !DECIMAL.test(base)) return null;
  const sum = decAdd(base, (m[1] === '-' ? '-' : '') + shiftRight(m[2], 2));
  const clean = sum.includes('.') ? sum.replace(/0+$/, '').replace(/\.$/, '') : sum;
  return `${clean}%`;
}

export const todayIso = () => {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

export function addDays(iso, days) {
  const d = new Date(iso + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(a, b) {
  return Math.round((Date.parse(b + 'T00:00:00Z') - Date.parse(a + 'T00:00:00Z')) / 86400000);
}

export const isDate = (s) => /^\d{4}-\d{2}-\d{2}$/.test(s ?? '') && !Number.isNaN(Date.parse(s + 'T00:00:00Z'));
