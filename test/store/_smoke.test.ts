import { it } from 'vitest';
import fs from 'node:fs';
import { makeContext, closeContext } from '../helpers/db';
it('smoke', () => {
  const t = Date.now();
  const ctx = makeContext();
  console.log('ms', Date.now() - t, ctx.dbPath, fs.readdirSync(require('path').dirname(ctx.dbPath)));
  console.log(ctx.db.prepare('SELECT COUNT(*) n FROM statements').get(), ctx.db.prepare("SELECT name FROM main.sqlite_master WHERE type='table'").pluck().all());
  console.log(ctx.db.prepare("SELECT name FROM library.sqlite_master WHERE type='table'").pluck().all());
  closeContext(ctx);
});
