#!/usr/bin/env node
// Thin launcher so `npx runbook` works without a build step: tsx loads the TypeScript sources.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const tsxLoader = require.resolve('tsx');
const result = spawnSync(
  process.execPath,
  ['--import', tsxLoader, join(root, 'src/cli/main.ts'), ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
