// letter.test.mjs — the repayment letter (还款计划确认书) as a borrower gets
// it: printed from Chromium to PDF on A4, and written from the plan.
//
//   node wasm/test/letter.test.mjs REPAY [PDF]
//
// 1. `repay restructure --format letter-html` for a plan with a conditional
//    waiver and a default clause; Chromium prints it to PDF on A4 at scale 1
//    (no shrinking): nothing may be wider than the page's printable width
//    (210 mm less 2 × 16 mm margins), every table fits, and the PDF's pages
//    are A4 (595 × 842 points).
// 2. The letter is written from the plan: change the waiver and the letter
//    changes in every place that number appears — the waived amount, the
//    claim total stays, the installments and the total move.
// 3. Markdown (`--format letter`) carries the same numbers as the JSON
//    response of the same request.
import { execFileSync } from 'node:child_process';
import { writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const [repay, pdfOut] = process.argv.slice(2);
if (!repay) {
  console.error('usage: letter.test.mjs REPAY [PDF]');
  process.exit(2);
}
let failures = 0;
const check = (what, ok, detail = '') => {
  if (!ok) {
    failures++;
    console.log(`FAIL ${what} ${detail}`);
  }
};

const request = (share) => ({
  op: 'restructure', date: '2024-04-15',
  loan: { principal: '12000', rate: '6%', term: 12, start_date: '2024-01-15' },
  events: [{ type: 'payment', date: '2024-02-20', amount: '500' }],
  actions: [
    { type: 'waive', component: 'penalty_interest', share, condition: { max_days_late: 30 } },
    { type: 'reamortize' }, { type: 'extend', periods: 24 },
  ],
  default: { days_late: 60, accelerate: true },
});
const run = (req, format) =>
  execFileSync(repay, ['run', '--format', format, '-'], { input: JSON.stringify(req) }).toString();

// 3: the Markdown's numbers are the response's
const json = JSON.parse(run(request('100%'), 'json'));
const md = run(request('100%'), 'letter');
for (const [what, value] of [['the total to pay', json.summary.total_to_pay], ['the waiver', json.waived.total],
  ['the claim', json.before.claim.total], ['the first installment', json.installments[0].payment],
  ['the last installment', json.installments.at(-1).payment], ['the observation end', json.summary.observation_end]]) {
  check(`markdown: ${what} ${value}`, md.includes(value));
}
check('markdown: both languages', md.includes('还款计划确认书') && md.includes('Repayment Plan Confirmation'));
check('markdown: says it is not a contract', md.includes('不是法律合同') && md.includes('not a legal contract'));
check('markdown: the condition', md.includes('逾期超过 30 天') && md.includes('more than 30 days past due'));
check('markdown: acceleration', md.includes('提前到期') && md.includes('falls due at once'));

// 2: a different waiver, a different letter
const half = JSON.parse(run(request('50%'), 'json'));
const md2 = run(request('50%'), 'letter');
check('a smaller waiver changes the letter', md2 !== md);
check('the new waiver is in it', md2.includes(half.waived.total) && !md2.includes(`**${json.waived.total}**`));
check('the new total is in it', md2.includes(half.summary.total_to_pay));

// 1: printed on A4 without shrinking
const html = run(request('100%'), 'letter-html');
const file = join(tmpdir(), `repay-letter-${process.pid}.html`);
writeFileSync(file, html);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
});
const page = await browser.newPage();
await page.goto(`file://${file}`);
await page.emulateMedia({ media: 'print' });
// the printable width of A4 with the letter's 16 mm side margins, in CSS px
const printable = ((210 - 32) / 25.4) * 96;
const widths = await page.evaluate(() => {
  const body = document.body.getBoundingClientRect().width;
  const tables = [...document.querySelectorAll('table')].map((t) => [t.scrollWidth, t.clientWidth]);
  return { body, scroll: document.documentElement.scrollWidth, tables };
});
await page.setViewportSize({ width: Math.floor(printable), height: 1000 });
const narrow = await page.evaluate(() => ({
  scroll: document.documentElement.scrollWidth,
  tables: [...document.querySelectorAll('table')].map((t) => t.scrollWidth - t.parentElement.clientWidth),
}));
check('the page fits the printable width', narrow.scroll <= Math.ceil(printable), JSON.stringify(narrow));
check('every table fits its page', narrow.tables.every((d) => d <= 0), JSON.stringify(narrow.tables));
check('the letter has its tables', widths.tables.length >= 6, JSON.stringify(widths));
const pdf = await page.pdf({ format: 'A4', scale: 1, preferCSSPageSize: true, printBackground: true });
if (pdfOut) writeFileSync(pdfOut, pdf);
const text = pdf.toString('latin1');
const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
check('the PDF has pages', boxes.length >= 2, `${boxes.length}`);
check('every page is A4', boxes.every(([w, h]) => Math.abs(w - 595.28) < 1.5 && Math.abs(h - 841.89) < 1.5),
  JSON.stringify(boxes.slice(0, 3)));
await browser.close();

console.log(`letter: ${failures} failed`);
process.exit(failures ? 1 : 0);
