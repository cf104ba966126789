// A second process holding the workspace, as the app or the dev host does: it opens a context
// (which takes the shared hold), says "ready" and waits to be killed. Run by restore-lock.test.ts.
import { openContext } from '../../electron/app/context';

const [dbPath, resourcesDir] = process.argv.slice(2);
const ctx = openContext({ dbPath, resourcesDir, program: 'test holder', author: 'holder' });
process.stdout.write(`ready ${ctx.dbPath}\n`);
setInterval(() => undefined, 60_000);
