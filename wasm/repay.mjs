// repay.mjs — the repay calculator as an ES module, for pages and for Node.
//
//   import { load } from './repay.mjs';
//   const repay = await load();
//   const response = repay.run({op: 'schedule', loan: {...}});   // an object
//   const csv = repay.runText(request, 'csv');                    // text
//
// The same JSON API as the command line (README.md): the same request gives
// the same bytes.
import createRepayCore from './repay_core.mjs';

const FORMATS = { json: 0, table: 1, csv: 2 };

export async function load(options = {}) {
  const settings = {
    // The core looks for repay_core.wasm; the file ships as repay.wasm.
    locateFile: (name) => new URL(name.endsWith('.wasm') ? 'repay.wasm' : name, import.meta.url).href,
    ...options,
  };
  const inNode = typeof process !== 'undefined' && process.versions && process.versions.node;
  if (inNode && !settings.wasmBinary) {
    // Node's fetch cannot read a file path: hand the module its bytes.
    const { readFile } = await import('node:fs/promises');
    settings.wasmBinary = await readFile(new URL('./repay.wasm', import.meta.url));
  }
  const core = await createRepayCore(settings);
  const run = core.cwrap('rp_wasm_run', 'number', ['string', 'number']);
  const status = core.cwrap('rp_wasm_status', 'number', []);
  const free = core.cwrap('rp_wasm_free', null, ['number']);
  const version = core.cwrap('rp_wasm_version', 'string', []);

  function runText(request, format = 'json') {
    const text = typeof request === 'string' ? request : JSON.stringify(request);
    if (!(format in FORMATS)) throw new Error(`format must be json, table or csv, not ${format}`);
    const ptr = run(text, FORMATS[format]);
    if (!ptr) throw new Error('repay: out of memory');
    try {
      return core.UTF8ToString(ptr);
    } finally {
      free(ptr);
    }
  }

  return {
    version: version(),
    /** The response object for a request (object or JSON text). */
    run(request) {
      return JSON.parse(runText(request, 'json'));
    },
    /** The response as text in a format: json, table or csv (errors are JSON). */
    runText,
    /** The status of the last request: 0 ok, 1…8 bad input, 9–10 internal. */
    lastStatus: () => status(),
  };
}
