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

const FORMATS = Object.freeze({ __proto__: null, json: 0, table: 1, csv: 2, letter: 3, 'letter-html': 4 });

// A lone surrogate cannot be UTF-8: such text is sent as WTF-8 bytes, which
// the core refuses as invalid UTF-8 (as the CLI refuses the same bytes),
// instead of TextEncoder's silent U+FFFD.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const encoder = new TextEncoder();
function utf8(text) {
  if (!LONE_SURROGATE.test(text)) return encoder.encode(text);
  const out = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return Uint8Array.from(out);
}

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
  const run = core.cwrap('rp_wasm_run', 'number', ['number', 'number', 'number']);
  const status = core.cwrap('rp_wasm_status', 'number', []);
  const free = core.cwrap('rp_wasm_free', null, ['number']);
  const version = core.cwrap('rp_wasm_version', 'string', []);
  const lprText = core.cwrap('rp_wasm_lpr', 'string', []);

  function runText(request, format = 'json') {
    // own keys only: 'toString' or '__proto__' is not a format
    if (typeof format !== 'string' || !Object.prototype.hasOwnProperty.call(FORMATS, format)) {
      throw new Error(`format must be json, table, csv, letter or letter-html, not ${String(format)}`);
    }
    const text = typeof request === 'string' ? request : JSON.stringify(request);
    // The request goes in with its length, so a NUL inside it is the core's
    // to refuse (invalid_json), never the end of the text.
    const bytes = utf8(text);
    const input = core._malloc(bytes.length || 1);
    if (!input) throw new Error('repay: out of memory');
    let ptr;
    try {
      core.HEAPU8.set(bytes, input);
      ptr = run(input, bytes.length, FORMATS[format]);
    } finally {
      core._free(input);
    }
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
    /** The response as text in a format: json, table, csv, or for restructure and solve
     * letter (还款计划确认书, Markdown) or letter-html (errors are JSON). */
    runText,
    /** The status of the last request: 0 ok, 1…8 bad input, 9–10 internal. */
    lastStatus: () => status(),
    /** The built-in LPR history (data/lpr.json): {checked_through, fixings: [{date, one_year, five_year}]}. */
    lpr: () => JSON.parse(lprText()),
  };
}
