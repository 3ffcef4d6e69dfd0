// repay.d.ts — the types of repay-wasm: the repay calculator as WebAssembly.
//
// One request in, one response out: the same JSON API as `repay run` (the
// README is its manual: every op, field and error), and for the same
// request the same bytes. Amounts and rates travel as decimal strings.

/** A request: an object with an "op" ("schedule", "statement", "yield",
 * "restructure", "compare", "solve") and that op's fields, or its JSON text. */
export type Request = { op: string; [field: string]: unknown } | string;

/** The output formats: the response object (json), aligned columns for a
 * person (table), rows for a spreadsheet (csv), or for restructure and solve
 * the repayment letter (letter: Markdown; letter-html: one A4 page). */
export type Format = 'json' | 'table' | 'csv' | 'letter' | 'letter-html';

/** Why a request was refused: the stable code, the JSON path of the field
 * at fault ("$.loan.rate") and a message naming what was expected. */
export interface ErrorDetail {
  code:
    | 'invalid_json' | 'too_large' | 'missing_field' | 'wrong_type' | 'unknown_field'
    | 'duplicate_field' | 'invalid_value' | 'out_of_range' | 'out_of_memory' | 'internal';
  path: string;
  message: string;
}

/** A refused request's answer. */
export interface ErrorResponse {
  ok: false;
  op?: string;
  id?: string | number;
  error: ErrorDetail;
}

/** An answered request: ok, the op, the request's id, then the op's fields
 * (see the README, or `repay schema OP_response`). */
export interface OkResponse {
  ok: true;
  op: string;
  id?: string | number;
  [field: string]: unknown;
}

export type Response = OkResponse | ErrorResponse;

export interface Repay {
  /** The library's version ("0.1.0"). */
  readonly version: string;
  /** The response object for a request. Bad input is an answer
   * (ok: false), never an exception. */
  run(request: Request): Response;
  /** The response as text in a format (errors are always JSON). Throws only
   * for a format that is not one of json, table, csv, letter, letter-html. */
  runText(request: Request, format?: Format): string;
  /** The status of the last request: 0 ok, 1–8 bad input, 9–10 internal. */
  lastStatus(): number;
  /** The built-in LPR history (data/lpr.json, compiled in): the fixings where
   * a rate changed, rates as written ("3.50%"). */
  lpr(): { description: string; source: string; checked_through: string;
           fixings: { date: string; one_year: string; five_year?: string }[] };
}

/** Options handed to the Emscripten module (e.g. wasmBinary, locateFile). */
export interface LoadOptions {
  wasmBinary?: ArrayBuffer | Uint8Array;
  locateFile?: (name: string) => string;
  [option: string]: unknown;
}

/** Loads the module (in a page, fetching repay.wasm beside repay.mjs; in
 * Node, reading it from disk). */
export function load(options?: LoadOptions): Promise<Repay>;
