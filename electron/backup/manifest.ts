// The manifest of one workspace's backup folder: which workspace it belongs to (id and last path),
// its retention budget, and every backup with its SHA-256 and journal position. Written whole to a
// temporary file and renamed, so a crash leaves the old manifest or the new one, never half of one.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { makePrivateFile } from '../store/file-modes';

export const MANIFEST_NAME = 'manifest.json';

const EntrySchema = z.object({
  file: z.string().regex(/^workbench-[A-Za-z0-9-]+\.db$/),
  createdAt: z.string(),
  reason: z.string(),
  bytes: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  journalPosition: z.number().int().min(0),
});

const ManifestSchema = z.object({
  format: z.literal(1),
  workspaceId: z.string().regex(/^[0-9a-f]{32}$/),
  workspacePath: z.string(),
  updatedAt: z.string(),
  budget: z.object({ maxCount: z.number().int().min(1), maxBytes: z.number().int().min(1) }).nullable(),
  backups: z.array(EntrySchema),
});

export type ManifestEntry = z.infer<typeof EntrySchema>;
export type Manifest = z.infer<typeof ManifestSchema>;

/** The folder's manifest; null when there is none or it cannot be read as one (never half-trusted). */
export function readManifest(dir: string): Manifest | null {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, MANIFEST_NAME), 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = ManifestSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeManifest(dir: string, m: Manifest): void {
  const file = path.join(dir, MANIFEST_NAME);
  const tmp = `${file}.${process.pid}.tmp`;
  m.updatedAt = new Date().toISOString();
  try {
    fs.writeFileSync(tmp, `${JSON.stringify(m, null, 2)}\n`, { mode: 0o600 });
    makePrivateFile(tmp);
    const fd = fs.openSync(tmp, 'r+');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
