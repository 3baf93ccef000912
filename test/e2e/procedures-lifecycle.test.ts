import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { diffCommand } from '../../src/cli/commands/diff.ts';
import { historyCommand } from '../../src/cli/commands/history.ts';
import { newCommand } from '../../src/cli/commands/new.ts';
import { validateCommand } from '../../src/cli/commands/validate.ts';
import type { CliCommand, CliIO } from '../../src/cli/types.ts';
import { TEMPLATE_KINDS } from '../../src/runbooks/index.ts';
import { removeDir, tempDir } from './procedures-harness.ts';

let dir: string;
before(async () => {
  dir = await tempDir('runbook-procedures-lifecycle-');
});
after(async () => {
  await removeDir(dir);
});

async function run(command: CliCommand, args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    env: {
      RUNBOOK_RUNBOOKS_DIR: join(cwd, 'runbooks'),
      RUNBOOK_DATA_DIR: join(cwd, 'data'),
      PATH: process.env['PATH'],
    },
    cwd,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    prompt: undefined,
    signal: new AbortController().signal,
  };
  return { code: await command.run(args, io), stdout, stderr };
}

describe('runbook new, history and diff', () => {
  for (const kind of TEMPLATE_KINDS) {
    it(`writes the ${kind} starter, which validates and is a draft`, async () => {
      const cwd = join(dir, `new-${kind}`);
      await mkdir(join(cwd, 'runbooks'), { recursive: true });
      const created = await run(newCommand, [`my-${kind}`, '--template', kind], cwd);
      assert.equal(created.code, 0, created.stderr);
      const text = await readFile(join(cwd, 'runbooks', `my-${kind}.yaml`), 'utf8');
      assert.match(text, /^# my-/);
      assert.match(text, /status: draft/);
      const validated = await run(validateCommand, [], cwd);
      assert.equal(validated.code, 0, validated.stderr);
      assert.equal(validated.stdout, '1 runbook valid\n', 'no errors and no linter warnings');
      const again = await run(newCommand, [`my-${kind}`, '--template', kind], cwd);
      assert.equal(again.code, 1, 'an existing file is never overwritten');
    });
  }

  it('refuses an unknown template and a bad id', async () => {
    const cwd = join(dir, 'bad');
    assert.equal((await run(newCommand, ['x', '--template', 'party'], cwd)).code, 2);
    assert.equal((await run(newCommand, ['Bad_Id', '--template', 'incident'], cwd)).code, 2);
  });

  it('lists versions with author and time, and diffs two of them', async () => {
    const cwd = join(dir, 'history');
    const library = join(cwd, 'runbooks');
    await mkdir(library, { recursive: true });
    const git = (...args: string[]) =>
      spawnSync('git', ['-c', 'user.name=Dana Ops', '-c', 'user.email=dana@example.com', ...args], {
        cwd: library,
        encoding: 'utf8',
      });
    const hasGit = git('init', '-q').status === 0;
    const file = join(library, 'restart.yaml');
    await writeFile(file, 'id: restart\nname: Restart\nsteps:\n  - Drain the node.\n  - Reboot the node.\n');
    if (hasGit) {
      git('add', '.');
      git('commit', '-q', '-m', 'first');
    }
    const first = await run(historyCommand, ['restart'], cwd);
    assert.equal(first.code, 0, first.stderr);
    await writeFile(
      file,
      'id: restart\nname: Restart\nversion: 2\nsteps:\n  - Drain the node.\n  - Reboot the node.\n  - Uncordon the node.\n',
    );
    if (hasGit) git('commit', '-q', '-am', 'second');
    const history = await run(historyCommand, ['restart'], cwd);
    const lines = history.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 3, history.stdout);
    assert.match(lines[0] ?? '', /^REV\s+VERSION\s+HASH\s+STATUS\s+AUTHOR\s+SEEN$/);
    assert.match(lines[1] ?? '', /^1\s+1\s+[0-9a-f]{12}\s+published\s+/);
    assert.match(lines[2] ?? '', /^2\s+2\s+[0-9a-f]{12}\s+published\s+.*\d{4}-\d\d-\d\dT/);
    if (hasGit) assert.match(lines[2] ?? '', /Dana Ops <dana@example.com>/);
    const again = await run(historyCommand, ['restart'], cwd);
    assert.equal(again.stdout, history.stdout, 'an unchanged file adds no version');

    const diff = await run(diffCommand, ['restart', '1', '2'], cwd);
    assert.equal(diff.code, 1);
    assert.match(diff.stdout, /^--- restart rev 1 \(/);
    assert.match(diff.stdout, /\n\+version: 2\n/);
    assert.match(diff.stdout, /\n\+ {2}- Uncordon the node\.\n/);
    assert.match(diff.stdout, /\n {3}- Drain the node\.\n/);
    const same = await run(diffCommand, ['restart', '2', '2'], cwd);
    assert.equal(same.code, 0);
    const missing = await run(diffCommand, ['restart', '1', '7'], cwd);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no revision 7 \(revisions: 1, 2\)/);
  });
});
