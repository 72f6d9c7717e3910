import { HttpError } from '../errors/http-error.ts';

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Throws 400 when the raw JSON nests deeper than `maxDepth`. It runs before `JSON.parse`, whose
 * reviver recurses and would otherwise overflow the stack on `[[[[...]]]]` ten thousand deep.
 */
export function assertDepth(body: Buffer, maxDepth: number): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (++depth > maxDepth) {
        throw new HttpError(400, `The JSON body nests deeper than ${maxDepth} levels.`);
      }
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) depth--;
  }
}

/**
 * Whether raw JSON could hold a prototype key: spelled out, or hidden in a `\u` escape
 * (`"\u005f_proto__"` parses to `__proto__`). Most bodies hold none and skip the reviver below,
 * which makes `JSON.parse` about seven times slower.
 */
export function mayHoldPrototypeKeys(body: Buffer): boolean {
  return body.includes('__proto__') || body.includes('constructor') || body.includes('\\u');
}

/**
 * A `JSON.parse` reviver that refuses the keys of prototype pollution (`__proto__`, and
 * `constructor` holding `prototype`), as secure-json-parse does; the parser answers 400.
 */
export function refusePrototypeKeys(key: string, value: unknown): unknown {
  if (key === '__proto__') throw new SyntaxError('forbidden key __proto__');
  if (key === 'constructor' && typeof value === 'object' && value !== null) {
    if (Object.hasOwn(value, 'prototype')) throw new SyntaxError('forbidden key constructor');
  }
  return value;
}
