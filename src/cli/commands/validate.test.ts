import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { CliIO } from '../types.ts';
import { validateCommand } from './validate.ts';

const { PATH = '' } = process.env;
const bin = fileURLToPath(new URL('../../../bin/runbook.js', import.meta.url));
const fixtures = fileURLToPath(new URL('../../../test/fixtures/runbooks', import.meta.url));

/** Runs the real `runbook` command, as a person would, in `cwd`. */
function runbook(args: string[], cwd: string, env: Record<string, string> = {}) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd,
      env: { PATH, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function io(cwd: string): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    env: {},
    cwd,
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
    prompt: undefined,
    signal: new AbortController().signal,
  };
}

describe('runbook validate', () => {
  it('prints "N runbooks valid" and exits 0 for the configured library', async () => {
    const result = await runbook(['validate'], fixtures, { RUNBOOK_RUNBOOKS_DIR: 'library' });
    assert.equal(result.stderr, '');
    assert.equal(result.stdout, '5 runbooks valid\n');
    assert.equal(result.status, 0);
  });

  it('prints every error as file:line: field: message relative to cwd and exits 1', async () => {
    const result = await runbook(
      ['validate', 'hostile/expression-typo.yaml', 'hostile/unknown-fields.yaml', 'duplicates', 'library'],
      fixtures,
    );
    assert.equal(result.status, 1);
    assert.equal(result.stdout, '');
    assert.deepEqual(result.stderr.split('\n'), [
      'duplicates/first.yaml:1: id: duplicate runbook id "same-id": also in duplicates/second.yaml',
      'duplicates/second.yaml:2: id: duplicate runbook id "same-id": already in duplicates/first.yaml; ids must be unique',
      'hostile/expression-typo.yaml:8: diagnostics[0].health.critical: "valeu > 90" uses unknown variable "valeu"; available here: value, values, series, items, count, fields, params',
      'hostile/expression-typo.yaml:10: decision[0].when: no diagnostic "cpu_usge" in this runbook; did you mean "cpu_usage"?',
      'hostile/unknown-fields.yaml:3: sevrity: unknown field; did you mean "severity"?',
      'hostile/unknown-fields.yaml:8: diagnostics[0].timout: unknown field; did you mean "timeout"?',
      'hostile/unknown-fields.yaml:10: diagnostics[0].health.critcal: unknown field; did you mean "critical"?',
      '7 errors in 4 files; 6 runbooks valid',
      '',
    ]);
  });

  it('finds every hostile fixture in a folder and exits 1', async () => {
    const result = await runbook(['validate', 'hostile'], fixtures);
    assert.equal(result.status, 1);
    const lines = result.stderr.trimEnd().split('\n');
    assert.equal(lines.at(-1), '27 errors in 13 files; 0 runbooks valid');
    for (const line of lines.slice(0, -1)) assert.match(line, /^hostile\/[a-z-]+\.yaml:\d+: \S+: .+$/);
    assert.ok(lines.includes('hostile/malformed-yaml.yaml:2: (yaml): this quoted string is never closed'));
  });

  it('says which path it cannot read, and rejects unknown options', async () => {
    const missing = io(fixtures);
    assert.equal(await validateCommand.run(['nowhere.yaml'], missing), 1);
    assert.match(
      missing.err.join(''),
      /^nowhere\.yaml: cannot read it \(.*ENOENT.*\)\n1 error in 1 file; 0 runbooks valid\n$/,
    );
    const flag = io(fixtures);
    assert.equal(await validateCommand.run(['--fix'], flag), 2);
    assert.match(flag.err.join(''), /unknown option --fix/);
  });

  it('exits 1 when there is no runbook file to check', async () => {
    const empty = io(fixtures);
    assert.equal(await validateCommand.run(['no-runbooks'], empty), 1);
    assert.equal(empty.err.join(''), 'no runbook files (*.yaml, *.yml) in no-runbooks\n');
  });
});
