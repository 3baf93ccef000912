#!/usr/bin/env node
// `npx runbook` without a build step: register tsx in this process, then load the TypeScript CLI.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
