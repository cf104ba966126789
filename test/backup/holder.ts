// A second process holding the workspace, as the app or the dev host does: it opens a context
// (which takes the shared hold), says "ready" and waits to be killed. Run by restore-lock.test.ts.
import { openContext } from '../../electron/app/context';

const [dbPath, resourcesDir] = process.argv.slice(2);
const ctx = openContext({ dbPath, resourcesDir, program: 'test holder', author: 'holder' });
process.stdout.write(`ready ${ctx.dbPath}\n`);
// The interval names the context: an unreferenced connection is closed when V8 collects it,
// and then this process would hold the workspace's holder file without holding the database.
setInterval(() => void ctx.db.open, 60_000);
