#!/usr/bin/env node
// The compiled CLI lives in dist/ (built by `npm install` through the prepare script, or `npm run build`).
const cli = await import('../dist/src/cli.js').catch((error) => {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  process.stderr.write('cinemata-ops is not built yet: run `npm run build` (or `npm install`) first\n');
  process.exit(1);
});
const { loadDotEnv } = await import('../dist/src/bootstrap.js');

loadDotEnv(process.cwd());
const output = await cli.runCli(process.argv.slice(2), process.env, process.cwd());
process.stdout.write(output.stdout);
process.stderr.write(output.stderr, () => process.exit(output.exitCode));
