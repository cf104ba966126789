// The writer the kill test runs in a child process and kills with SIGKILL: it drives the real
// annotate service in a loop and reports each change only after the call returned (committed).
import { openDatabase } from '../../electron/store/open';
import { createAnnotation, deleteAnnotation, updateAnnotation } from '../../electron/annotate/annotations';
import { undo } from '../../electron/journal/undo';

const [dbPath, seedArg] = process.argv.slice(2);
let seed = Number(seedArg) || 1;
function random(): number {
  // xorshift: reproducible per round from the seed the test prints.
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return ((seed >>> 0) % 1_000_000) / 1_000_000;
}

const db = openDatabase(dbPath);
const actor = { db, author: 'kill-test' };
const statements = db.prepare('SELECT id, text FROM statements WHERE length(text) >= 4').all() as { id: string; text: string }[];

function state(id: string): { id: string; comment: string; deleted: boolean } {
  const row = db.prepare('SELECT comment, deleted_at FROM annotations WHERE id = ?').get(id) as { comment: string; deleted_at: string | null };
  return { id, comment: row.comment, deleted: row.deleted_at !== null };
}

function report(op: string, id: string | null): void {
  // Pipes are synchronous on Linux: once this returns, the parent can read the line.
  process.stdout.write(`${JSON.stringify({ op, ...(id ? state(id) : { id: null }) })}\n`);
}

process.stdout.write('ready\n');
for (let n = 0; ; n++) {
  const live = db.prepare('SELECT id FROM annotations WHERE deleted_at IS NULL ORDER BY random() LIMIT 1').get() as { id: string } | undefined;
  const r = random();
  if (r < 0.55 || !live) {
    const s = statements[Math.floor(random() * statements.length)];
    const start = Math.floor(random() * (s.text.length - 2));
    const a = createAnnotation(actor, { statementId: s.id, quote: s.text.slice(start, start + 2), start, comment: `c${n}`, tags: ['kill'], pillarIds: random() < 0.5 ? ['supply-chain'] : [] });
    report('create', a.id);
  } else if (r < 0.8) {
    updateAnnotation(actor, live.id, { comment: `u${n}`, importance: 1 + (n % 3) });
    report('update', live.id);
  } else if (r < 0.9) {
    deleteAnnotation(actor, live.id);
    report('delete', live.id);
  } else {
    const done = undo(actor);
    report('undo', done?.annotationIds[0] ?? null);
  }
}
