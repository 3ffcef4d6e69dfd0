// package.test.mjs — the WebAssembly build as a program would take it: packed
// with `npm pack`, installed from the tarball (offline) into a fresh project,
// imported by its package name, run; and its type declarations checked by
// the TypeScript compiler against a program that uses them.
//
// usage: node wasm/test/package.test.mjs WASM_DIR
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const wasmDir = resolve(process.argv[2] || 'build/wasm');
const here = dirname(fileURLToPath(import.meta.url));
const tsc = join(here, '..', 'node_modules', '.bin', 'tsc');
const tmp = mkdtempSync(join(tmpdir(), 'repay-pkg-'));
const failures = [];
const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
try {
  npm(['pack', wasmDir, '--pack-destination', tmp, '--silent'], tmp);
  const tarball = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack made no tarball');
  const listed = execFileSync('tar', ['tzf', join(tmp, tarball)], { encoding: 'utf8' }).split('\n');
  for (const f of ['package/package.json', 'package/repay.mjs', 'package/repay.d.ts', 'package/repay.wasm', 'package/repay_core.mjs'])
    if (!listed.includes(f)) failures.push(`the package lacks ${f}`);
  const app = join(tmp, 'app');
  execFileSync('mkdir', ['-p', app]);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  npm(['install', '--offline', '--no-audit', '--no-fund', '--silent', join(tmp, tarball)], app);

  // by its name, as a program imports it: DOMAIN.md's mortgage pays 5,307.27
  writeFileSync(join(app, 'main.mjs'), `
import { load } from 'repay-wasm';
const repay = await load();
const r = repay.run({ op: 'schedule', loan: { principal: '1000000', rate: '4.9%', term: 360 } });
const bad = repay.run({ op: 'schedule', loan: { principal: '1000', rate: 'abc', term: 12 } });
console.log(JSON.stringify([repay.version, r.summary.payment, bad.error.path, repay.runText(
  { op: 'schedule', loan: { principal: '1000', rate: '12%', term: 2 } }, 'csv').split('\\n')[0]]));
`);
  const got = JSON.parse(execFileSync('node', ['main.mjs'], { cwd: app, encoding: 'utf8' }));
  const want = ['0.1.0', '5307.27', '$.loan.rate', 'n,due_date,payment,principal,interest,fee,balance'];
  if (JSON.stringify(got) !== JSON.stringify(want)) failures.push(`imported by name: ${JSON.stringify(got)}`);

  // the declarations: a typed program compiles, a misuse does not
  writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions: {
    module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true } }));
  writeFileSync(join(app, 'main.ts'), `
import { load, type Format, type Response } from 'repay-wasm';
const repay = await load();
const format: Format = 'table';
const text: string = repay.runText({ op: 'schedule', loan: { principal: '1000', rate: '12%', term: 2 } }, format);
const r: Response = repay.run('{"op": "schedule"}');
if (!r.ok) { const path: string = r.error.path; console.log(path, text); }
`);
  try {
    execFileSync(tsc, ['-p', app], { encoding: 'utf8' });
  } catch (e) {
    failures.push(`a typed program does not compile: ${e.stdout}`);
  }
  writeFileSync(join(app, 'main.ts'), `
import { load } from 'repay-wasm';
const repay = await load();
repay.runText({ op: 'schedule' }, 'xml');
`);
  let refused = false;
  try {
    execFileSync(tsc, ['-p', app], { encoding: 'utf8' });
  } catch {
    refused = true;
  }
  if (!refused) failures.push("the types accept format 'xml'");
} catch (e) {
  failures.push(String(e.stderr || e.message || e));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
for (const f of failures) console.log('FAIL:', f);
console.log(`wasm package: packed, installed and imported by name, types checked; ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
