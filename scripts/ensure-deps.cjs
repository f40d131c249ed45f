#!/usr/bin/env node
// Runs before `npm start` and `npm test` (prestart/pretest), so both work on a fresh clone:
// installs the locked dependencies when node_modules is missing or older than the lockfile.
// Plain CommonJS on purpose: it must run before any dependency exists.
'use strict';
const { spawnSync } = require('node:child_process');
const { statSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const mtime = (file) => {
  try {
    return statSync(path.join(root, file)).mtimeMs;
  } catch {
    return 0;
  }
};

const installed = mtime('node_modules/.package-lock.json');
if (installed > 0 && installed >= mtime('package-lock.json')) process.exit(0);

const npm = (args) => spawnSync('npm', args, { cwd: root, stdio: 'inherit' }).status === 0;
console.log(
  'reel: installing dependencies from package-lock.json (first run, or the lockfile changed)',
);
if (npm(['ci', '--no-audit', '--no-fund'])) process.exit(0);
console.error(
  'reel: npm ci failed; see its output above. If it says package.json and package-lock.json ' +
    'are out of sync, run npm install and commit package-lock.json',
);
process.exit(1);
