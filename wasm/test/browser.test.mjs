// browser.test.mjs — the page in Debian's Chromium, headless, via playwright-core.
//
//   node wasm/test/browser.test.mjs BUILD_WASM_DIR [SCREENSHOT.png]
//
// Serves BUILD_WASM_DIR/web on localhost, then: reads the payment and the
// schedule for the default loan, switches language, views by year, gets an
// error next to the rate field, restores inputs from a shared URL, exports
// CSV, reads the late statement and the offers, and takes a screenshot.
// The expected figures are the README's hand-checked ones (DOMAIN.md:
// PMT(4.9%/12, 360, 1,000,000) = 5307.27; 30 days late: 7.50 罚息, 25.01 复利).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const [wasmDir, screenshot] = process.argv.slice(2);
if (!wasmDir) {
  console.error('usage: browser.test.mjs WASM_DIR [SCREENSHOT.png]');
  process.exit(2);
}
const root = resolve(wasmDir, 'web');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.wasm': 'application/wasm' };

const server = createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const file = join(root, path === '/' ? 'index.html' : path);
  if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end('not found');
  }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1200, height: 900 } });
const page = await context.newPage();
const pageErrors = [];
page.on('pageerror', (e) => pageErrors.push(e.message));
page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(m.text()); });
page.on('response', (r) => { if (r.status() >= 400) pageErrors.push(`${r.status()} ${r.url()}`); });

// Waits until the page has recomputed at least once more than `since`.
async function settled(since) {
  await page.waitForFunction((n) => Number(document.body.dataset.ready ?? 0) > n, since, { timeout: 20000 });
  await page.waitForTimeout(50);
}
const ready = () => page.evaluate(() => Number(document.body.dataset.ready ?? 0));
const text = (sel) => page.locator(sel).innerText();
async function type(sel, value) {
  const n = await ready();
  await page.fill(sel, value);
  await settled(n);
}

const results = [];
async function check(name, fn) {
  try { await fn(); results.push([name, null]); } catch (e) { results.push([name, e]); }
}

await page.goto(base);
await settled(0);

await check('the default loan: payment, interest, APR', async () => {
  assert.equal(await text('#out-payment'), '5,307.27');
  assert.equal(await text('#out-interest'), '910,615.12');
  assert.equal(await text('#out-apr'), '4.90%');
});
await check('the schedule table: 360 rows and a total', async () => {
  assert.equal(await page.locator('#schedule tbody tr').count(), 361);
  const first = await page.locator('#schedule tbody tr').first().locator('td').allInnerTexts();
  assert.deepEqual(first, ['1', '2024-02-15', '5,307.27', '1,223.94', '4,083.33', '0.00', '998,776.06']);
});
await check('the chart has a balance line', async () => {
  assert.ok((await page.locator('#chart path.balance').getAttribute('d')).split('L').length > 300);
});
await check('equal principal from the method menu', async () => {
  const n = await ready();
  await page.selectOption('#method', 'equal_principal');
  await settled(n);
  // 1,000,000/360 = 2777.78 principal + 4083.33 interest in month 1 (DOMAIN.md)
  assert.equal(await text('#out-payment'), '6,861.11');
  await page.selectOption('#method', 'annuity');
  await settled(n + 1);
});
await check('by year: 31 calendar years', async () => {
  await page.check('input[name=view][value=year]');
  const rows = page.locator('#schedule tbody tr');
  assert.equal(await rows.count(), 32);
  // 2024: 11 payments of 5307.27 = 58379.97
  assert.deepEqual((await rows.first().locator('td').allInnerTexts()).slice(0, 3), ['2024', '11', '58,379.97']);
  await page.check('input[name=view][value=month]');
});
await check('switch language to English and back', async () => {
  await page.click('#lang');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal(await text('h1'), 'Loan calculator');
  assert.match(await text('#workings'), /penalty interest: overdue principal 1223\.94 × 7\.35% a year ÷ 360 × 30 days/);
  await page.click('#lang');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  assert.equal(await text('h1'), '还款计算器');
});
await check('a bad rate: a message next to the field, figures cleared', async () => {
  await type('#rate', 'abc');
  assert.match(await text('small.error[data-for="rate"]'), /abc/);
  assert.equal(await page.getAttribute('#rate', 'aria-invalid'), 'true');
  assert.equal(await text('#out-payment'), '–');
  await type('#rate', '4.9%');
  assert.equal(await text('small.error[data-for="rate"]'), '');
  assert.equal(await text('#out-payment'), '5,307.27');
});
await check('a term over the limit names the field', async () => {
  await type('#term', '5000');
  assert.match(await text('small.error[data-for="term"]'), /1200/);
  await type('#term', '360');
});
await check('Chinese rate phrases: 月5‰', async () => {
  await type('#rate', '月5‰');
  // PMT(0.005, 360, 1,000,000) = 5995.51 (Gnumeric)
  assert.equal(await text('#out-payment'), '5,995.51');
  await type('#rate', '4.9%');
});
await check("I'm late: 30 days late, what is owed and how", async () => {
  assert.equal(await text('#out-owed'), '5,308.35');
  assert.equal(await text('#out-dpd'), '1');
  assert.match(await text('#workings'), /第1期罚息：逾期本金 1223\.94 × 年利率 7\.35% ÷ 360 × 30天/);
  assert.match(await text('#workings'), /= 25\.01/);
});
await check('days late sets the as-of date', async () => {
  const n = await ready();
  await page.selectOption('#missed', '2024-02-15');
  await page.fill('#days_late', '10');
  await page.dispatchEvent('#days_late', 'input');
  await settled(n);
  assert.equal(await page.inputValue('#as_of'), '2024-02-25');
  await type('#as_of', '2024-03-16');
});
await check('a bad payment amount names its field', async () => {
  await type('#pay-amount-0', '-5');
  assert.notEqual(await text('small.error[data-for="pay-amount-0"]'), '');
  await type('#pay-amount-0', '5339.78');
  assert.equal(await text('#out-owed'), '5,308.35');
});
await check('what if: the offers side by side', async () => {
  const rows = page.locator('#compare tbody tr');
  // close today, waive only, extend, defer, freeze
  assert.equal(await rows.count(), 5);
  const now = await rows.first().locator('td').allInnerTexts();
  assert.equal(now[5], '1,002,986.88'); // the payoff
  // waiving all 罚息 and 复利 owed: 0.25 + 0.83 (the statement's workings)
  assert.equal((await rows.nth(1).locator('td').allInnerTexts())[6], '1.08');
});
await check('CSV export of the schedule', async () => {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#csv-schedule')]);
  const body = await readFile(await download.path(), 'utf8');
  assert.equal(download.suggestedFilename(), 'schedule.csv');
  const lines = body.replace(/^\ufeff/, '').trim().split('\n');
  assert.equal(lines[0], 'n,due_date,payment,principal,interest,fee,balance');
  assert.equal(lines.length, 361);
  assert.equal(lines[360], '360,2054-01-15,5305.19,5283.62,21.57,0.00,0.00');
});
await check('a shared URL restores the inputs', async () => {
  await type('#principal', '200000');
  const url = page.url();
  assert.match(url, /principal=200000/);
  const other = await context.newPage();
  await other.goto(url);
  await other.waitForFunction(() => Number(document.body.dataset.ready ?? 0) > 0);
  assert.equal(await other.inputValue('#principal'), '200000');
  // PMT(4.9%/12, 360, 200,000) = 1061.45
  assert.equal(await other.locator('#out-payment').innerText(), '1,061.45');
  await other.close();
  await type('#principal', '1000000');
});
await check('a 360-month schedule recomputes without visible lag', async () => {
  // Not a timing assertion: the page must have recomputed after one input.
  await type('#term', '359');
  assert.equal(await page.locator('#schedule tbody tr').count(), 360);
  await type('#term', '360');
});
await check('no errors in the page console', async () => assert.deepEqual(pageErrors, []));

if (screenshot) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: screenshot, fullPage: false });
}
await browser.close();
server.close();

let failed = 0;
for (const [name, e] of results) {
  if (e) { failed++; console.error(`FAIL ${name}: ${e.message}`); }
}
console.log(`wasm browser: ${results.length} checks, ${failed} failed`);
process.exit(failed ? 1 : 0);
