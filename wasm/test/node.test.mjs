// node.test.mjs — the WebAssembly module against the native CLI.
//
//   node wasm/test/node.test.mjs BUILD_WASM_DIR REPAY_CLI DIR...
//
// Every request found under the DIRs (fixture cases' "request", or whole
// request files) goes through both; the responses must be the same bytes in
// each format, and the wasm status must match the CLI's exit status. Then the
// module's own API is checked (objects, strings, formats, errors).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';

const [wasmDir, cli, ...dirs] = process.argv.slice(2);
if (!wasmDir || !cli || dirs.length === 0) {
  console.error('usage: node.test.mjs WASM_DIR REPAY_CLI DIR...');
  process.exit(2);
}
const { load } = await import(pathToFileURL(resolve(wasmDir, 'repay.mjs')).href);
const repay = await load();

// The fixture files, named by the one walker the tests share: repay check --list.
function jsonFiles(path) {
  return execFileSync(cli, ['check', '--list', path], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

// The CLI's exit status for a core status: 0 ok, 2 bad input, 3 internal.
const exitOf = (status) => (status === 0 ? 0 : status >= 9 ? 3 : 2);

let compared = 0;
const failures = [];
// Every case of a file: one a file, an array of them, or JSON Lines (*.jsonl).
function casesOf(file) {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.jsonl')) return text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
  const doc = JSON.parse(text);
  return Array.isArray(doc) ? doc : [doc];
}

for (const dir of dirs) {
  for (const file of jsonFiles(dir)) for (const doc of casesOf(file)) {
    const request = 'request' in doc ? doc.request : doc;
    const text = typeof request === 'string' ? request : JSON.stringify(request);
    const op = typeof request === 'object' && request ? request.op : '';
    const formats = op === 'restructure' || op === 'solve' ? ['json', 'table', 'csv', 'letter', 'letter-html']
                                                           : ['json', 'table', 'csv'];
    for (const format of formats) {
      const native = spawnSync(cli, ['run', '--format', format, '-'], { input: text, encoding: 'utf8' });
      const wasm = repay.runText(text, format);
      const status = repay.lastStatus();
      compared += 1;
      if (native.stdout !== wasm) {
        failures.push(`${file} (${format}): responses differ\n  native: ${native.stdout.slice(0, 200)}\n  wasm:   ${wasm.slice(0, 200)}`);
      } else if (native.status !== exitOf(status)) {
        failures.push(`${file} (${format}): CLI exit ${native.status}, wasm status ${status}`);
      }
    }
  }
}

// The module's API.
const mortgage = { op: 'schedule', loan: { principal: '1000000', rate: '4.9%', term: 360, start_date: '2024-01-15' } };
const checks = [
  ['run takes an object', () => assert.equal(repay.run(mortgage).summary.payment, '5307.27')],
  ['run takes JSON text', () => assert.equal(repay.run(JSON.stringify(mortgage)).totals.interest, '910615.12')],
  ['status 0 after success', () => { repay.run(mortgage); assert.equal(repay.lastStatus(), 0); }],
  ['a bad rate is an error with its path', () => {
    const r = repay.run({ op: 'schedule', loan: { principal: '1000', rate: 'abc', term: 12 } });
    assert.equal(r.ok, false);
    assert.equal(r.error.path, '$.loan.rate');
    assert.notEqual(repay.lastStatus(), 0);
  }],
  ['malformed JSON is an error, not an exception', () => assert.equal(repay.run('{"op": ').ok, false)],
  ['csv has the header row', () => assert.match(repay.runText(mortgage, 'csv'), /^n,due_date,payment,principal,interest,fee,balance\n1,2024-02-15,5307.27,1223.94,4083.33,0.00,998776.06\n/)],
  ['an unknown format throws', () => assert.throws(() => repay.runText(mortgage, 'xml'), /format/)],
  ['lpr() is the built-in table (data/lpr.json)', () => assert.deepEqual(repay.lpr(),
    JSON.parse(readFileSync(new URL('../../data/lpr.json', import.meta.url), 'utf8')))],
  ['the version is the CLI\'s', () => assert.equal(`repay ${repay.version}`, spawnSync(cli, ['--version'], { encoding: 'utf8' }).stdout.trim())],
  // issue 14, item 15: inherited keys are not formats; the length is passed
  ['toString, __proto__ and constructor are not formats', () => {
    for (const f of ['toString', '__proto__', 'constructor', 'hasOwnProperty']) {
      assert.throws(() => repay.runText(mortgage, f), /format/);
    }
  }],
  ['a NUL after a complete request is invalid_json, not the end of the text', () => {
    const r = repay.run(JSON.stringify(mortgage) + '\u0000{"junk": 1}');
    assert.equal(r.ok, false);
    assert.equal(r.error.code, 'invalid_json');
  }],
  ['a NUL inside a string is invalid_json', () => {
    const r = repay.run('{"op": "schedule", "loan": {"principal": "1000\u0000", "rate": "12%", "term": 2}}');
    assert.equal(r.error.code, 'invalid_json');
  }],
  ['a lone surrogate is invalid_json, not a replacement character', () => {
    const r = repay.run('{"op": "schedule", "id": "a\uD800", "loan": {"principal": "1000", "rate": "12%", "term": 2}}');
    assert.equal(r.ok, false);
    assert.equal(r.error.code, 'invalid_json');
  }],
  ['numbers in JSON text are read as written', () => {
    const r = repay.run('{"op": "schedule", "loan": {"principal": 100000000000000.01, "rate": "12%", "term": 12}}');
    assert.equal(r.summary.principal, '100000000000000.01');
  }],
  ['a 360-month schedule 200 times without growing memory', () => {
    for (let i = 0; i < 200; i++) assert.equal(repay.run(mortgage).installments.length, 360);
  }],
];
for (const [name, fn] of checks) {
  try { fn(); } catch (e) { failures.push(`api: ${name}: ${e.message}`); }
}

// ---- every interface, the same bytes (issue 14) ----------------------------
// Random requests of every op, their numbers written as JSON numbers or as
// strings at random — with more digits than a double holds — go through the
// CLI (repay run), the WebAssembly module, repay batch and repay mcp. The
// module and the MCP tool's text give the CLI's bytes exactly; batch gives
// them on one line (the same text but for the layout's whitespace). A seeded
// generator: REPAY_SEED and REPAY_CASES choose other draws.
const seed = Number(process.env.REPAY_SEED || 14);
const cases = Number(process.env.REPAY_CASES || 150);
let state = seed >>> 0;
const rand = () => { state = (Math.imul(state, 1664525) + 1013904223) >>> 0; return state / 2 ** 32; };
const pick = (list) => list[Math.floor(rand() * list.length)];
// a number as a JSON number or as a string, its text exactly as drawn
const num = (text) => (rand() < 0.5 ? text : JSON.stringify(text));
const digits = (n) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');
function amount() {
  return pick([() => `${1 + Math.floor(rand() * 999999)}`, () => `${1 + Math.floor(rand() * 99999)}.${digits(2)}`,
    () => `100000000000000.01`, () => `${1 + Math.floor(rand() * 9)}${digits(13)}.${digits(2)}`])();
}
const rate = () => pick([() => num(`0.${digits(3)}`), () => num(`0.12345678901234567891`),
  () => JSON.stringify(`${(rand() * 36).toFixed(2)}%`), () => JSON.stringify('月5‰'), () => num('4.9')])();
function loanText(dated) {
  const parts = [`"principal": ${num(amount())}`, `"rate": ${rate()}`,
    `"term": ${pick(['12', '36', '1.2e1', '360', '12.0000000000000001', '"12"'])}`,
    `"method": "${pick(['annuity', 'equal_principal', 'interest_only', 'flat'])}"`];
  if (dated) parts.push('"start_date": "2024-01-15"');
  if (rand() < 0.3) parts.push(`"periodic_fee": ${num(pick(['0', '5', '1.25']))}`);
  return `{${parts.join(', ')}}`;
}
const events = () => `[${Array.from({ length: 1 + Math.floor(rand() * 4) }, (_, i) =>
  `{"type": "payment", "date": "2024-0${2 + i}-15", "amount": ${num(pick(['1000', '250.5', '99999.99']))}}`).join(', ')}]`;
function request() {
  const op = pick(['schedule', 'schedule', 'statement', 'yield', 'restructure', 'compare', 'solve']);
  const id = pick(['', `"id": ${digits(25).replace(/^0+/, '1')}, `, '"id": "案-17", ', '"id": 7.50, ']);
  let body;
  switch (op) {
    case 'schedule': body = `"loan": ${loanText(rand() < 0.5)}`; break;
    case 'statement': body = `"as_of": "2024-07-20", "loan": ${loanText(true)}, "events": ${events()}`; break;
    case 'yield': body = pick([`"loan": ${loanText(true)}`,
      `"cash_flows": [${num('10000')}, ${num('-893.33')}, ${num('-9500.123456789012345')}], "discount_rate": ${rate()}`]); break;
    case 'restructure': body = `"date": "2024-07-20", "loan": ${loanText(true)}, "actions": [{"type": "waive", "component": "interest", "share": ${num('0.5')}}, {"type": "extend", "periods": 6}]`; break;
    case 'compare': body = `"date": "2024-07-20", "loan": ${loanText(true)}, "proposals": [{"name": "a", "actions": [{"type": "settle", "discount": ${num('0.2')}}]}]`; break;
    default: body = `"date": "2024-07-20", "loan": ${loanText(true)}, "goal": {"type": "payment_for_term", "term": ${pick(['24', '"24"'])}}`;
  }
  return { op, args: `{${id}${body}}`, text: `{"op": "${op}", ${id}${body}}` };
}
// the text without the whitespace between tokens
function squeeze(t) {
  let out = '', inString = false;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (inString) {
      out += c;
      if (c === '\\') out += t[++i];
      else if (c === '"') inString = false;
    } else if (c === '"') { inString = true; out += c; } else if (!' \n\r\t'.includes(c)) out += c;
  }
  return out;
}
const reqs = Array.from({ length: cases }, request);
const big = 1 << 30; // spawnSync keeps 1 MiB of output by default
const viaBatch = spawnSync(cli, ['batch'], { input: reqs.map((r) => r.text.replace(/\n/g, ' ')).join('\n') + '\n', encoding: 'utf8', maxBuffer: big })
  .stdout.split('\n').filter((l) => l);
const viaMcp = spawnSync(cli, ['mcp'], {
  input: reqs.map((r, i) => `{"jsonrpc": "2.0", "id": ${i}, "method": "tools/call", "params": {"name": "${r.op}", "arguments": ${r.args}}}`).join('\n') + '\n',
  encoding: 'utf8', maxBuffer: big }).stdout.split('\n').filter((l) => l).map((l) => { try { return JSON.parse(l); } catch { return {}; } });
let agreed = 0, okCount = 0;
reqs.forEach((r, i) => {
  const native = spawnSync(cli, ['run', '-'], { input: r.text, encoding: 'utf8', maxBuffer: big });
  const wasm = repay.runText(r.text, 'json');
  const where = `interfaces (seed ${seed}, case ${i}: ${r.text.slice(0, 120)})`;
  const before = failures.length;
  if (wasm !== native.stdout) failures.push(`${where}: the module differs from the CLI`);
  if (squeeze(viaBatch[i] || '') !== squeeze(native.stdout)) failures.push(`${where}: batch differs from the CLI:\n  ${viaBatch[i]?.slice(0, 200)}\n  ${native.stdout.slice(0, 200)}`);
  const reply = viaMcp[i] || {};
  const text = reply.result?.content?.[0]?.text;
  // mcp answers as `repay run --compact` (one line, long lists cut)
  const compact = spawnSync(cli, ['run', '--compact', '-'], { input: r.text, encoding: 'utf8', maxBuffer: big });
  if (text !== compact.stdout) failures.push(`${where}: the MCP tool's text differs from the CLI:\n  ${String(text).slice(0, 200)}\n  ${compact.stdout.slice(0, 200)}`);
  if (reply.result && reply.result.isError !== (native.status !== 0)) failures.push(`${where}: isError against exit ${native.status}`);
  if (failures.length === before) agreed += 1;
  if (native.status === 0) okCount += 1;
});
console.log(`interfaces: ${cases} random requests (${okCount} answered ok) through the CLI, the module, batch and mcp: ${agreed} the same`);

for (const f of failures) console.error(f);
console.log(`wasm node: ${compared} responses compared with the CLI, ${checks.length} API checks, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
