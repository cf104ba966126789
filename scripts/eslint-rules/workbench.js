// Local ESLint rules that keep the structure between modules: `layers` (a folder may import only
// from lower layers, and from same-layer siblings it is declared to use) and `no-cycle` (no chain
// of project imports leads back to the importing file). Configured in eslint.config.js.
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const EXTENSIONS = ['.ts', '.tsx', '.js', '.cjs'];

/** The project file a relative import names, or null (packages, missing files). */
function resolveImport(fromFile, specifier) {
  if (!specifier.startsWith('.')) return null;
  const base = path.resolve(path.dirname(fromFile), specifier);
  const candidates = [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => path.join(base, `index${e}`))];
  for (const c of candidates) {
    try {
      if (fs.statSync(c).isFile()) return c;
    } catch {
      /* not this candidate */
    }
  }
  return null;
}

/** Every module specifier a file's AST names: import/export from, import(), require(). */
function specifiersOf(programNode) {
  const out = [];
  const visit = (node) => {
    if (!node || typeof node.type !== 'string') return;
    if ((node.type === 'ImportDeclaration' || node.type === 'ExportNamedDeclaration' || node.type === 'ExportAllDeclaration') && node.source) {
      out.push({ node: node.source, value: node.source.value });
    } else if (node.type === 'ImportExpression' && node.source.type === 'Literal' && typeof node.source.value === 'string') {
      out.push({ node: node.source, value: node.source.value });
    } else if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal' && typeof node.arguments[0].value === 'string') {
      out.push({ node: node.arguments[0], value: node.arguments[0].value });
    }
    for (const key of Object.keys(node)) {
      if (key === 'parent') continue;
      const child = node[key];
      if (Array.isArray(child)) child.forEach(visit);
      else if (child && typeof child.type === 'string') visit(child);
    }
  };
  visit(programNode);
  return out;
}

// ---- layers ----

const relative = (file) => path.relative(ROOT, file).split(path.sep).join('/');

/** The folder under `root` a file sits in ('' for a file directly in root), or null outside root. */
function folderOf(file, root) {
  const rel = relative(file);
  if (!rel.startsWith(`${root}/`)) return null;
  const rest = rel.slice(root.length + 1);
  const slash = rest.indexOf('/');
  return slash < 0 ? '' : rest.slice(0, slash);
}

const layers = {
  meta: {
    type: 'problem',
    docs: { description: 'A folder imports only from lower layers and from the same-layer siblings declared for it.' },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          layers: { type: 'array', items: { type: 'array', items: { type: 'string' } } },
          siblings: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
          exceptions: { type: 'array', items: { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' }, reason: { type: 'string' } }, required: ['from', 'to', 'reason'] } },
        },
        required: ['root', 'layers'],
        additionalProperties: false,
      },
    ],
    messages: {
      upward: '{{from}} (layer {{fromLayer}}: {{fromNames}}) must not import {{to}} (layer {{toLayer}}: {{toNames}}): lower layers never import higher ones. Order: {{order}}.',
      sibling: '{{from}} must not import {{to}}: same layer ({{names}}), and {{fromFolder}} is not declared to use {{toFolder}} (siblings in eslint.config.js).',
      unlayered: '{{folder}} is in no layer of {{root}}/: add it to the layers in eslint.config.js.',
      staleException: 'The layering exception {{from}} → {{to}} is no longer needed: remove it from eslint.config.js.',
    },
  },
  create(context) {
    const opts = context.options[0];
    const file = context.filename;
    const fromFolder = folderOf(file, opts.root);
    if (fromFolder === null || fromFolder === '') return {};
    const layerOf = new Map();
    opts.layers.forEach((names, i) => names.forEach((n) => layerOf.set(n, i)));
    const order = opts.layers.map((l) => l.join(', ')).join(' → ');
    const fromRel = relative(file);
    const exceptions = (opts.exceptions ?? []).filter((e) => e.from === fromRel);
    const used = new Set();
    return {
      Program(program) {
        if (!layerOf.has(fromFolder)) {
          context.report({ node: program, messageId: 'unlayered', data: { folder: `${opts.root}/${fromFolder}`, root: opts.root } });
          return;
        }
        const fromLayer = layerOf.get(fromFolder);
        for (const s of specifiersOf(program)) {
          const target = resolveImport(file, s.value);
          if (!target) continue;
          const toFolder = folderOf(target, opts.root);
          if (toFolder === null || toFolder === '' || toFolder === fromFolder || !layerOf.has(toFolder)) continue;
          const toRel = relative(target);
          const exception = exceptions.find((e) => e.to === toRel);
          if (exception) {
            used.add(exception);
            continue;
          }
          const toLayer = layerOf.get(toFolder);
          if (toLayer > fromLayer) {
            context.report({
              node: s.node,
              messageId: 'upward',
              data: { from: fromRel, to: toRel, fromLayer, toLayer, fromNames: opts.layers[fromLayer].join(', '), toNames: opts.layers[toLayer].join(', '), order },
            });
          } else if (toLayer === fromLayer && !(opts.siblings?.[fromFolder] ?? []).includes(toFolder)) {
            context.report({ node: s.node, messageId: 'sibling', data: { from: fromRel, to: toRel, names: opts.layers[fromLayer].join(', '), fromFolder, toFolder } });
          }
        }
        // An exception that matches nothing is a fixed problem whose exemption would hide the next one.
        for (const e of exceptions) if (!used.has(e)) context.report({ node: program, messageId: 'staleException', data: { from: e.from, to: e.to } });
      },
    };
  },
};

// ---- no-cycle ----

/** Project files each file imports, read from disk once per file version (mtime). */
const diskImports = new Map();

function importsOnDisk(file) {
  let stat;
  try {
    stat = fs.statSync(file);
  } catch {
    return [];
  }
  const known = diskImports.get(file);
  if (known && known.mtimeMs === stat.mtimeMs) return known.targets;
  const text = fs.readFileSync(file, 'utf8');
  const targets = [];
  // Static scan of the module specifiers (comments stripped); the same forms the AST walk finds.
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  const re = /(?:\bimport\s*(?:[\w*{}\s,$]+from\s*)?|\bexport\s*(?:type\s*)?[\w*{}\s,$]*from\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;
  for (let m = re.exec(code); m; m = re.exec(code)) {
    const t = resolveImport(file, m[1]);
    if (t) targets.push(t);
  }
  diskImports.set(file, { mtimeMs: stat.mtimeMs, targets });
  return targets;
}

/** A path of imports from `start` back to `goal`, or null: depth-first, each file visited once. */
function pathBack(start, goal, withinRoot) {
  if (start === goal) return [start];
  const seen = new Set([start]);
  const stack = [[start, [start]]];
  while (stack.length) {
    const [file, trail] = stack.pop();
    for (const t of importsOnDisk(file)) {
      if (!t.startsWith(withinRoot)) continue;
      if (t === goal) return [...trail, t];
      if (seen.has(t)) continue;
      seen.add(t);
      stack.push([t, [...trail, t]]);
    }
  }
  return null;
}

const noCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'No chain of project imports leads back to the importing file.' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, required: ['root'], additionalProperties: false }],
    messages: { cycle: 'Import cycle: {{cycle}}. Move what both sides need into a module both can import.' },
  },
  create(context) {
    const file = context.filename;
    const withinRoot = path.join(ROOT, context.options[0].root) + path.sep;
    if (!file.startsWith(withinRoot)) return {};
    return {
      Program(program) {
        const specs = specifiersOf(program)
          .map((s) => ({ ...s, target: resolveImport(file, s.value) }))
          .filter((s) => s.target && s.target.startsWith(withinRoot));
        // This file's own imports come from the text being linted (it may differ from the disk);
        // the rest of the graph from the files on disk.
        for (const s of specs) {
          const trail = pathBack(s.target, file, withinRoot);
          if (trail) context.report({ node: s.node, messageId: 'cycle', data: { cycle: [relative(file), ...trail.map(relative)].join(' → ') } });
        }
      },
    };
  },
};

// ---- no-folder-cycle ----

/** Every source file under a folder (recursively). */
function filesUnder(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else if (EXTENSIONS.includes(path.extname(p))) out.push(p);
  }
  return out;
}

const noFolderCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'The folders under a root (e.g. the UI areas under components/) import each other without cycles.' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, required: ['root'], additionalProperties: false }],
    messages: { cycle: 'Folder cycle under {{root}}: {{cycle}} (via {{via}}). Move what both areas use into a folder both may import.' },
  },
  create(context) {
    const root = context.options[0].root;
    const file = context.filename;
    const from = folderOf(file, root);
    if (from === null || from === '') return {};
    return {
      Program(program) {
        // Folder edges from the files on disk, except this file, whose edges come from the linted text.
        const edges = new Map(); // folder -> Map(folder -> an importing file, for the message)
        const add = (a, b, via) => {
          if (a === null || b === null || a === '' || b === '' || a === b) return;
          if (!edges.has(a)) edges.set(a, new Map());
          if (!edges.get(a).has(b)) edges.get(a).set(b, via);
        };
        for (const f of filesUnder(path.join(ROOT, root))) {
          if (f === file) continue;
          for (const t of importsOnDisk(f)) add(folderOf(f, root), folderOf(t, root), relative(f));
        }
        for (const s of specifiersOf(program)) {
          const target = resolveImport(file, s.value);
          const to = target ? folderOf(target, root) : null;
          if (to === null || to === '' || to === from) continue;
          // Breadth-first from the imported folder back to this one.
          const back = new Map([[to, null]]);
          const queue = [to];
          while (queue.length && !back.has(from)) {
            const f = queue.shift();
            for (const [n, via] of edges.get(f) ?? []) {
              if (back.has(n)) continue;
              back.set(n, { prev: f, via });
              queue.push(n);
            }
          }
          if (!back.has(from)) continue;
          const chain = [from];
          const vias = [relative(file)];
          for (let step = back.get(from), at = from; step; at = step.prev, step = back.get(at)) {
            chain.splice(1, 0, step.prev);
            vias.splice(1, 0, step.via);
          }
          context.report({ node: s.node, messageId: 'cycle', data: { root, cycle: [...chain, from].join(' → '), via: vias.join(', ') } });
        }
      },
    };
  },
};

module.exports = { meta: { name: 'workbench' }, rules: { layers, 'no-cycle': noCycle, 'no-folder-cycle': noFolderCycle } };
