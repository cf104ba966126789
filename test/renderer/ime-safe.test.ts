// Guards that no field can forget the IME: every form and every keydown handler that reads
// Enter in renderer/src must take its handler from imeSafeKeys (renderer/src/lib/keys.ts).
// The source is parsed with the TypeScript compiler, so formatting and comments cannot fool it.
// test/e2e/ime.test.ts drives each of these fields with a real composition in Chromium.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/db';

const RENDERER_SRC = path.join(REPO_ROOT, 'renderer', 'src');
/** Files where 'Enter' is a label, or which define the helper itself. */
const NOT_HANDLERS = new Set(['lib/keys.ts', 'components/shell/ShortcutsSheet.tsx', 'i18n/ja.ts', 'i18n/en.ts']);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

function isImeSafeCall(node: ts.Node | undefined): boolean {
  return !!node && ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'imeSafeKeys';
}

/** Lines (1-based) where a form or an Enter check bypasses imeSafeKeys. */
export function imeViolations(fileName: string, text: string): string[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const line = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const visit = (node: ts.Node): void => {
    if ((ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) && node.tagName.getText(sf) === 'form') {
      const handler = node.attributes.properties.find((p): p is ts.JsxAttribute => ts.isJsxAttribute(p) && p.name.getText(sf) === 'onKeyDown');
      const init = handler?.initializer;
      const expr = init && ts.isJsxExpression(init) ? init.expression : undefined;
      if (!isImeSafeCall(expr)) found.push(`${fileName}:${line(node)}: <form> without onKeyDown={imeSafeKeys(…)}`);
    }
    if (ts.isStringLiteral(node) && node.text === 'Enter') {
      let up: ts.Node | undefined = node.parent;
      while (up && !isImeSafeCall(up)) up = up.parent;
      if (!up) found.push(`${fileName}:${line(node)}: 'Enter' checked outside imeSafeKeys(…)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe('every Enter-acting field is IME-safe', () => {
  it('finds a form and an Enter handler that bypass the helper (the check can fail)', () => {
    const bad = [
      "const onKeyDown = (e) => { if (e.key === 'Enter') save(); };",
      'export const A = () => <form onSubmit={go}><input /></form>;',
      'export const B = () => <form onKeyDown={onKeyDown} onSubmit={go}><input /></form>;',
      "const ok = imeSafeKeys((e) => { if (e.key === 'Enter') save(); });",
      'export const C = () => <form onKeyDown={imeSafeKeys()} onSubmit={go}><input /></form>;',
    ].join('\n');
    expect(imeViolations('bad.tsx', bad)).toEqual([
      "bad.tsx:1: 'Enter' checked outside imeSafeKeys(…)",
      'bad.tsx:2: <form> without onKeyDown={imeSafeKeys(…)}',
      'bad.tsx:3: <form> without onKeyDown={imeSafeKeys(…)}',
    ]);
  });

  it('holds for every file in renderer/src', () => {
    const files = sourceFiles(RENDERER_SRC);
    let forms = 0;
    let enters = 0;
    const violations = files.flatMap((f) => {
      const rel = path.relative(RENDERER_SRC, f).split(path.sep).join('/');
      if (NOT_HANDLERS.has(rel)) return [];
      const text = fs.readFileSync(f, 'utf8');
      forms += (text.match(/<form[\s>]/g) ?? []).length;
      enters += (text.match(/'Enter'/g) ?? []).length;
      return imeViolations(rel, text);
    });
    expect(violations).toEqual([]);
    // The scan really looked at the fields it guards (seven forms, six Enter handlers today).
    expect(forms).toBeGreaterThanOrEqual(7);
    expect(enters).toBeGreaterThanOrEqual(6);
  });
});
