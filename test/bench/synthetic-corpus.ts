// The synthetic corpus the scale benchmarks build (bench:search, bench:retrieval): statements
// made from the bundled documents' own (shuffled, spliced, sometimes perturbed), reproducibly.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeContext, ensureCorpus, openContext } from '../../electron/app/context';
import { defaultResourcesDir } from '../../electron/store/paths';

export { mulberry32 as rng } from './prng';

export interface Source {
  text: string;
  speaker: string | null;
  headingPath: string;
}

export function bundledStatements(): Source[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-bench-src-'));
  const ctx = openContext({ dbPath: path.join(dir, 'src.db'), resourcesDir: defaultResourcesDir(), author: 'bench' });
  try {
    ensureCorpus(ctx);
    return ctx.db.prepare("SELECT text, speaker, heading_path AS headingPath FROM statements WHERE length(text) > 0").all() as Source[];
  } finally {
    closeContext(ctx);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const toFullWidth = (s: string) => s.replace(/[A-Za-z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** A new statement from 1–2 sources: spliced at a random point, sometimes perturbed. */
export function perturb(src: Source[], rand: () => number): Source {
  const a = src[Math.floor(rand() * src.length)];
  let text = a.text;
  const r = rand();
  if (r < 0.35) {
    const b = src[Math.floor(rand() * src.length)];
    const cut = Math.floor(rand() * text.length);
    text = text.slice(0, cut) + b.text.slice(Math.floor(rand() * b.text.length));
  } else if (r < 0.5) {
    text = text.slice(Math.floor(rand() * text.length * 0.5));
  }
  const p = rand();
  if (p < 0.03) text = toFullWidth(text);
  else if (p < 0.05) text = text.replace(/強靱/g, '強靭');
  else if (p < 0.07) text = text.replace(/([A-Z])(?=[A-Z0-9])/g, '$1 ');
  if (!text) text = a.text;
  return { text, speaker: a.speaker, headingPath: a.headingPath };
}
