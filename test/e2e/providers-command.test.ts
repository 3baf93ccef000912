import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createCommandProvider } from '../../src/providers/command/index.ts';
import type { CheckContext, Provider } from '../../src/providers/types.ts';

type Step = Parameters<Provider<'command'>['check']>[0];

const node = process.execPath;
const context = (): CheckContext => ({ params: {}, now: new Date(), signal: AbortSignal.timeout(10_000) });
const step = (command: string[], extra: Partial<Step> = {}): Step => ({
  id: 'cmd',
  type: 'command',
  command,
  ...extra,
});

/** Running (a zombie waiting for a reaper that never comes, as in some containers, counts as dead). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
  return !/^\d+ \(.*\) Z/.test(stat);
}

describe('command diagnostics', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'runbook-command-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reports exit code, output and a number printed alone on the last line', async () => {
    const result = await createCommandProvider().check(
      step([node, '-e', 'console.log("idle connections:"); console.log(" 42 ")']),
      context(),
    );
    assert.equal(result.status, 'ok', result.error);
    assert.equal(result.value, 0);
    assert.equal(result.fields['exit_code'], 0);
    assert.equal(result.fields['number'], 42);
    assert.equal(result.fields['stdout'], 'idle connections:\n 42 \n');
    assert.equal(result.summary, 'exit 0:  42');
  });

  it('gives a failing command its exit code as the value, with stderr in the summary', async () => {
    const result = await createCommandProvider().check(
      step([node, '-e', 'console.error("permission denied"); process.exit(3)']),
      context(),
    );
    assert.equal(result.status, 'ok');
    assert.equal(result.value, 3);
    assert.equal(result.summary, 'exit 3: permission denied');
  });

  it('passes an argument with spaces, ; and $(…) as one literal argument to no shell', async () => {
    const marker = join(dir, 'pwned');
    const hostile = `a b; touch ${marker} $(touch ${marker}) \`touch ${marker}\``;
    const result = await createCommandProvider().check(
      step([node, '-e', 'console.log(JSON.stringify(process.argv.slice(1)))', hostile, '*']),
      context(),
    );
    assert.deepEqual(JSON.parse(String(result.fields['stdout'])), [hostile, '*']);
    assert.equal(existsSync(marker), false);
  });

  it('gives the child only PATH, HOME, LANG and the step env, never a secret from our environment', async () => {
    process.env['RUNBOOK_TEST_SECRET'] = 'xoxb-should-not-leak';
    // Runbook's whole environment, secret included, as main.ts would pass it.
    const processEnv: Record<string, string | undefined> = { ...process.env, LANG: 'C.UTF-8' };
    try {
      const result = await createCommandProvider({ processEnv }).check(
        step([node, '-e', 'console.log(JSON.stringify(process.env))'], { env: { PGDATABASE: 'payments' } }),
        context(),
      );
      const childEnv = JSON.parse(String(result.fields['stdout'])) as Record<string, string>;
      assert.equal(childEnv['RUNBOOK_TEST_SECRET'], undefined);
      assert.deepEqual(
        Object.keys(childEnv).sort(),
        ['HOME', 'LANG', 'PATH', 'PGDATABASE'].filter(
          (name) => name !== 'HOME' || processEnv['HOME'] !== undefined,
        ),
      );
      assert.equal(childEnv['PGDATABASE'], 'payments');
      assert.doesNotMatch(JSON.stringify(result), /xoxb/);
    } finally {
      delete process.env['RUNBOOK_TEST_SECRET'];
    }
  });

  it('redacts secrets a command prints before they reach the result', async () => {
    const result = await createCommandProvider().check(
      step([
        node,
        '-e',
        'console.log("connecting with password=hunter2 to postgres://app:s3cret@db:5432/payments")',
      ]),
      context(),
    );
    assert.doesNotMatch(JSON.stringify(result), /hunter2|s3cret/);
    assert.match(String(result.fields['stdout']), /\[REDACTED\]/);
  });

  it('kills the whole process group when the timeout passes', async () => {
    const pidFile = join(dir, 'grandchild.pid');
    const started = performance.now();
    const result = await createCommandProvider().check(
      step(['/bin/sh', '-c', `sleep 30 & echo $! > ${pidFile}; wait`], { timeout: '300ms' }),
      context(),
    );
    assert.ok(performance.now() - started < 3_000);
    assert.equal(result.status, 'error');
    assert.match(result.error ?? '', /timed out after 300 ms and its process group was killed/);
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(isAlive(grandchild), false, 'the background sleep died with its parent');
  });

  it('keeps only the tail of a huge output', async () => {
    const result = await createCommandProvider({ maxOutputBytes: 1_000 }).check(
      step([node, '-e', 'process.stdout.write("x".repeat(1_000_000) + "\\n7\\n")']),
      context(),
    );
    assert.equal(String(result.fields['stdout']).length, 1_000);
    assert.equal(result.fields['truncated'], true);
    assert.equal(result.fields['number'], 7);
  });

  it('refuses a step marked mutating and reports a program that does not exist', async () => {
    const provider = createCommandProvider();
    const mutating = await provider.check(step(['touch', join(dir, 'x')], { mutating: true }), context());
    assert.equal(mutating.status, 'error');
    assert.match(mutating.error ?? '', /marked mutating: true/);
    assert.equal(existsSync(join(dir, 'x')), false);
    const missing = await provider.check(step(['/no/such/program']), context());
    assert.equal(missing.status, 'error');
    assert.match(missing.error ?? '', /failed to start: .*ENOENT/);
  });
});
