// The database worker thread the app's main process talks to: it answers typed calls,
// keeps answering while a call is slow, and reports a corrupt database as a typed error.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiWorker } from '../../electron/app/worker-client';
import { REPO_ROOT, RESOURCES_DIR, tempDbPath } from '../helpers/db';

const script = path.join(REPO_ROOT, 'dist', 'electron', 'app', 'api-worker.js');
const workers: ApiWorker[] = [];
afterAll(async () => {
  for (const w of workers) await w.close();
});

describe('API worker', () => {
  it('is built by npm run build', () => {
    expect(fs.existsSync(script)).toBe(true);
  });

  it('opens the database, ingests the corpus and answers calls', async () => {
    const w = await ApiWorker.start({ dbPath: tempDbPath(), resourcesDir: RESOURCES_DIR }, script);
    workers.push(w);
    const docs = await w.invoke('documents.list', {});
    expect(docs.ok).toBe(true);
    if (docs.ok) expect((docs.value as { documents: unknown[] }).documents).toHaveLength(5);
    const [a, b] = await Promise.all([w.invoke('app.info', {}), w.invoke('statements.get', { id: 'missing' })]);
    expect(a.ok).toBe(true);
    expect(b).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('reports a corrupt database as a typed error at start', async () => {
    const bad = tempDbPath();
    fs.writeFileSync(bad, 'definitely not sqlite');
    await expect(ApiWorker.start({ dbPath: bad, resourcesDir: RESOURCES_DIR }, script)).rejects.toMatchObject({ code: 'db-corrupt', subject: bad });
  });
});
