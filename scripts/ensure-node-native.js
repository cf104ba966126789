// Makes sure better-sqlite3 is built for the Node that runs the tests and the CLI: after
// `npm start` (which rebuilds it for Electron's ABI) the test command rebuilds it back.
const { execSync } = require('node:child_process');

function loads() {
  try {
    const Database = require('better-sqlite3');
    new Database(':memory:').close();
    return true;
  } catch (e) {
    process.stderr.write(`better-sqlite3 does not load under Node ${process.version}: ${e.message.split('\n')[0]}\n`);
    return false;
  }
}

if (!loads()) {
  process.stderr.write('Rebuilding better-sqlite3 for Node…\n');
  execSync('npm rebuild better-sqlite3', { stdio: 'inherit' });
  delete require.cache[require.resolve('better-sqlite3')];
  if (!loads()) process.exit(1);
}
