// Text → JSON value, refusing up front what must never reach JSON.parse: too big, empty, nested too deep.
import type { GraphIssue, Result } from './types';
import { MAX_DEPTH, MAX_FILE_CHARS } from './limits';

function lineColumn(text: string, index: number): string {
  let line = 1, last = -1;
  const end = Math.min(index, text.length);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) [line, last] = [line + 1, i];
  return `line ${line}, column ${end - last}`;
}

function refuse(path: string, message: string): Result<unknown> {
  return { ok: false, errors: [{ path, message } satisfies GraphIssue] };
}

/** Index of the first bracket past the depth limit, or -1. Linear, no recursion, skips strings. */
function tooDeepAt(text: string): number {
  let depth = 0, inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > MAX_DEPTH) return i;
    } else if (c === 93 || c === 125) depth--;
  }
  return -1;
}

/** V8 says "… in JSON at position 12 (line 1 column 13)", Firefox "… at line 1 column 13 of the JSON data". */
function syntaxError(text: string, raw: string): Result<unknown> {
  const pos = /at position (\d+)/.exec(raw);
  const lc = /line (\d+) column (\d+)/.exec(raw);
  const rule = raw
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/\s*in JSON at position \d+/, '')
    .replace(/^JSON\.parse: /, '')
    .replace(/\s*at line \d+ column \d+ of the JSON data/, '')
    .replace(/^Unexpected end of JSON input$/, 'the text ends before the JSON value is complete');
  const where = pos ? lineColumn(text, Number(pos[1])) : lc ? `line ${lc[1]}, column ${lc[2]}` : lineColumn(text, text.length);
  return refuse(where, `not valid JSON: ${rule}`);
}

export function parseJson(input: string): Result<unknown> {
  if (typeof input !== 'string') return refuse('file', `expected the text of a file, found ${typeof input}`);
  if (input.length > MAX_FILE_CHARS) {
    return refuse('file', `the file has ${input.length} characters; the limit is ${MAX_FILE_CHARS} (50 MiB)`);
  }
  // A byte-order mark is how some editors save UTF-8; it is not part of the JSON.
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.trim() === '') return refuse('file', 'the file is empty: expected a wiregrad graph (a JSON object)');
  const deep = tooDeepAt(text);
  if (deep >= 0) {
    return refuse(lineColumn(text, deep), `arrays and objects are nested more than ${MAX_DEPTH} levels deep; a graph never needs that`);
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return syntaxError(text, e instanceof Error ? e.message : String(e));
  }
}
