// JSON from a file the analyst supplied, with a fault reported by line and column only. V8's own
// messages quote the text around the fault ("Unexpected token 'r', "root:x:0:0"… is not valid
// JSON"), which would echo a file's contents back to whoever asked for it; here nothing is quoted.
import { AppError, type LocalizedText } from '../../shared/errors';

/** Line and column (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

const WS = /[ \t\n\r]*/y;
const HEX = /[0-9a-fA-F]/;
const DIGIT = /[0-9]/;

/** The end of the string starting at `i` (a quote), or the fault in it, as V8 places it. */
function scanString(text: string, i: number): { end: number } | { fault: number } {
  let j = i + 1;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === 0x22) return { end: j + 1 };
    if (c < 0x20) return { fault: j };
    if (c === 0x5c) {
      const next = text[j + 1];
      if (next === undefined) return { fault: text.length };
      if ('"\\/bfnrt'.includes(next)) j += 2;
      else if (next === 'u') {
        for (let k = j + 2; k < j + 6; k++) if (k >= text.length || !HEX.test(text[k])) return { fault: Math.min(k, text.length) };
        j += 6;
      } else return { fault: j + 1 };
    } else j++;
  }
  return { fault: text.length };
}

/** The end of the number starting at `i`, or the fault in it, as V8 places it. */
function scanNumber(text: string, i: number): { end: number } | { fault: number } {
  let j = i;
  const digits = () => {
    while (j < text.length && DIGIT.test(text[j])) j++;
  };
  if (text[j] === '-') j++;
  if (text[j] === '0') j++;
  else if (text[j] !== undefined && DIGIT.test(text[j])) digits();
  else return { fault: j };
  if (text[j] === '.') {
    j++;
    if (text[j] === undefined || !DIGIT.test(text[j])) return { fault: j };
    digits();
  }
  if (text[j] === 'e' || text[j] === 'E') {
    j++;
    if (text[j] === '+' || text[j] === '-') j++;
    if (text[j] === undefined || !DIGIT.test(text[j])) return { fault: j };
    digits();
  }
  return { end: j };
}

/**
 * The offset of the first syntax error in `text` (which JSON.parse refused), where V8 would name
 * one: a small scanner over the JSON grammar, iterative so that deep nesting cannot overflow the stack.
 */
export function jsonFaultOffset(text: string): number {
  let i = 0;
  const skip = () => {
    WS.lastIndex = i;
    WS.exec(text);
    i = WS.lastIndex;
  };
  /** A string at `i` (a property name or a value): false, with `i` at the fault, when it is not one. */
  const string = (): boolean => {
    if (text[i] !== '"') return false;
    const r = scanString(text, i);
    if ('fault' in r) {
      i = r.fault;
      return false;
    }
    i = r.end;
    return true;
  };
  // The stack holds what closes each open container: '}' or ']'.
  const stack: string[] = [];
  let expectValue = true;
  for (;;) {
    skip();
    if (expectValue) {
      const c = text[i];
      if (c === '{' || c === '[') {
        stack.push(c === '{' ? '}' : ']');
        i++;
        skip();
        if (text[i] === stack[stack.length - 1]) {
          stack.pop();
          i++;
          expectValue = false;
          continue;
        }
        if (c === '{') {
          if (!string()) return i;
          skip();
          if (text[i] !== ':') return i;
          i++;
        }
        continue;
      }
      if (c === '"') {
        if (!string()) return i;
      } else if (c === 't' || c === 'f' || c === 'n') {
        // A literal: V8 names the first character that departs from it.
        const word = c === 't' ? 'true' : c === 'f' ? 'false' : 'null';
        for (let k = 1; k < word.length; k++) if (text[i + k] !== word[k]) return Math.min(i + k, text.length);
        i += word.length;
      } else {
        const r = scanNumber(text, i);
        if ('fault' in r) return r.fault;
        i = r.end;
      }
      expectValue = false;
      continue;
    }
    if (stack.length === 0) return i < text.length ? i : text.length;
    const close = stack[stack.length - 1];
    if (text[i] === close) {
      stack.pop();
      i++;
      continue;
    }
    if (text[i] !== ',') return i;
    i++;
    if (close === '}') {
      skip();
      if (!string()) return i;
      skip();
      if (text[i] !== ':') return i;
      i++;
    }
    expectValue = true;
  }
}

/** JSON.parse, with a fault as a typed error naming `file` and the line and column, never the text. */
export function parseJsonText(file: string, text: string, describe: (where: LocalizedText) => AppError = (w) => defaultError(file, w)): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const { line, column } = lineColumn(text, jsonFaultOffset(text));
    throw describe({ ja: `JSON として不正です（${line} 行 ${column} 文字目）`, en: `not valid JSON (line ${line}, column ${column})` });
  }
}

function defaultError(file: string, detail: LocalizedText): AppError {
  return new AppError('bad-input', { ja: `${file} を読めません: ${detail.ja}`, en: `Cannot read ${file}: ${detail.en}` }, { subject: file });
}
