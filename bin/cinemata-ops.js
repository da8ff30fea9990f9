#!/usr/bin/env node
// The compiled CLI lives in dist/ (npm run build); this shim keeps the bin path stable.
import { loadDotEnv } from '../dist/src/bootstrap.js';
import { runCli } from '../dist/src/cli.js';

loadDotEnv(process.cwd());
const output = await runCli(process.argv.slice(2), process.env, process.cwd());
process.stdout.write(output.stdout);
process.stderr.write(output.stderr, () => process.exit(output.exitCode));
