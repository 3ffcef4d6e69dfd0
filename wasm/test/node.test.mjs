// node.test.mjs — the WebAssembly module against the native CLI.
//
//   node wasm/test/node.test.mjs BUILD_WASM_DIR REPAY_CLI DIR...
//
// Every request found under the DIRs (fixture cases' "request", or whole
// request files) goes through both; the responses must be the same bytes in
// each format, and the wasm status must match the CLI's exit status. Then the
// module's own API is checked (objects, strings, formats, errors).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';

const [wasmDir, cli, ...dirs] = process.argv.slice(2);
if (!wasmDir || !cli || dirs.length === 0) {
  console.error('usage: node.test.mjs WASM_DIR REPAY_CLI DIR...');
  process.exit(2);
}
const { load } = await import(pathToFileURL(resolve(wasmDir, 'repay.mjs')).href);
const repay = await load();

function* jsonFiles(path) {
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) yield* jsonFiles(join(path, name));
  } else if (path.endsWith('.json')) {
    yield path;
  }
}

// The CLI's exit status for a core status: 0 ok, 2 bad input, 3 internal.
const exitOf = (status) => (status === 0 ? 0 : status >= 9 ? 3 : 2);

let compared = 0;
const failures = [];
for (const dir of dirs) {
  for (const file of jsonFiles(dir)) {
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    const request = 'request' in doc ? doc.request : doc;
    const text = typeof request === 'string' ? request : JSON.stringify(request);
    for (const format of ['json', 'table', 'csv']) {
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

for (const f of failures) console.error(f);
console.log(`wasm node: ${compared} responses compared with the CLI, ${checks.length} API checks, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
