import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCommand } from '../../src/cli/commands/run.ts';
import type { CliIO } from '../../src/cli/types.ts';
import { removeDir, tempDir } from './procedures-harness.ts';

const PROCEDURE = `id: restart-sequence
name: Restart sequence
parameters:
  - name: out
    default: .
remediations:
  - id: write-marker
    name: Write the marker
    type: automated
    risk: low
    action:
      type: run_command
      command: [node, -e, "require('fs').appendFileSync('\${out}/marker.txt', 'x')"]
steps:
  - Tell the channel the restart begins.
  - id: gate
    approval: Proceed with the restart?
  - id: act
    action: write-marker
  - id: last
    instruction: Confirm the dashboards are green.
`;

let dir: string;
before(async () => {
  dir = await tempDir('runbook-procedures-cli-');
  await mkdir(join(dir, 'runbooks'), { recursive: true });
  await writeFile(join(dir, 'runbooks', 'restart-sequence.yaml'), PROCEDURE);
});
after(async () => {
  await removeDir(dir);
});

async function run(args: string[], cwd: string, prompt: CliIO['prompt']) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    env: {
      PATH: process.env['PATH'],
      USER: 'tester',
      RUNBOOK_RUNBOOKS_DIR: join(dir, 'runbooks'),
      RUNBOOK_DATA_DIR: join(cwd, 'data'),
    },
    cwd,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    prompt,
    signal: new AbortController().signal,
  };
  const code = await runCommand.run(args, io);
  return { code, stdout, stderr };
}

describe('runbook run on a procedure', () => {
  it('asks each step at the terminal: instructions, the approval step and the action', async () => {
    const cwd = join(dir, 'asked');
    await mkdir(cwd, { recursive: true });
    const questions: string[] = [];
    const answers = ['d', 'y', 'y', 'done'];
    const prompt = async (question: string) => {
      questions.push(question);
      return answers.shift();
    };
    const { code, stdout, stderr } = await run(['restart-sequence', '--param', `out=${cwd}`], cwd, prompt);
    assert.equal(code, 0, stderr);
    assert.equal(questions.length, 4);
    assert.match(
      questions[0] ?? '',
      /Tell the channel the restart begins\.[\s\S]*\[d\]one, \[s\]kip or \[f\]ailed/,
    );
    assert.match(questions[1] ?? '', /Approval step gate: Proceed with the restart\? \[y\/N\]/);
    assert.match(questions[2] ?? '', /Approve write-marker\?/);
    assert.match(questions[3] ?? '', /Confirm the dashboards are green/);
    assert.equal(await readFile(join(cwd, 'marker.txt'), 'utf8'), 'x');
    assert.match(stdout, /step last: complete/);
  });

  it('stops the run, runs nothing, when the approval step is denied', async () => {
    const cwd = join(dir, 'denied');
    await mkdir(cwd, { recursive: true });
    const answers = ['d', 'n'];
    const { code } = await run(['restart-sequence', '--param', `out=${cwd}`], cwd, async () =>
      answers.shift(),
    );
    assert.equal(code, 1);
    await assert.rejects(readFile(join(cwd, 'marker.txt'), 'utf8'));
  });

  it('without a terminal, stops at the first step that needs a person', async () => {
    const cwd = join(dir, 'no-terminal');
    await mkdir(cwd, { recursive: true });
    const { code, stdout } = await run(['restart-sequence', '--param', `out=${cwd}`], cwd, undefined);
    assert.equal(code, 1);
    assert.match(stdout, /needs a person/);
  });
});
