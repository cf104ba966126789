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
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

/**
 * The offset of the first syntax error in `text` (which JSON.parse refused): a small scanner over
 * the JSON grammar, iterative so that deep nesting cannot overflow the stack.
 */
export function jsonFaultOffset(text: string): number {
  let i = 0;
  const skip = () => {
    WS.lastIndex = i;
    WS.exec(text);
    i = WS.lastIndex;
  };
  const match = (re: RegExp): boolean => {
    re.lastIndex = i;
    if (!re.test(text)) return false;
    i = re.lastIndex;
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
          if (!match(STRING)) return i;
          skip();
          if (text[i] !== ':') return i;
          i++;
        }
        continue;
      }
      if (c === '"') {
        if (!match(STRING)) return i;
      } else if (text.startsWith('true', i)) i += 4;
      else if (text.startsWith('false', i)) i += 5;
      else if (text.startsWith('null', i)) i += 4;
      else if (!match(NUMBER)) return i;
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
      if (!match(STRING)) return i;
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
