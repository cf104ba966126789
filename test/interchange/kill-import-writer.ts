// The importer the import kill test runs in a child process and kills with SIGKILL: it imports the
// foreign REFI-QDA fixture through the real service, undoes and redoes it, over and over, and
// reports each step only after the call returned (committed).
import fs from 'node:fs';
import { openDatabase } from '../../electron/store/open';
import { readQdaProject } from '../../electron/exchange/qda/read';
import { importQdaProject } from '../../electron/exchange/qda/import';
import { redoStep, undoStep } from '../../electron/journal/undo';

const [dbPath, fixture] = process.argv.slice(2);
const db = openDatabase(dbPath);
const actor = { db, author: 'kill-test' };
const project = readQdaProject(new Uint8Array(fs.readFileSync(fixture)), 'foreign-atlas.qdpx');

function report(op: string): void {
  // Pipes are synchronous on Linux: once this returns, the parent can read the line.
  process.stdout.write(`${op}\n`);
}

async function main(): Promise<void> {
  report('ready');
  for (;;) {
    await importQdaProject(actor, project);
    report('imported');
    await undoStep(actor);
    report('undone');
    await redoStep(actor);
    report('redone');
    await undoStep(actor);
    report('undone');
  }
}

void main();
