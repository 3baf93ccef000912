import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { CliIO } from '../types.ts';
import { listCommand } from './list.ts';

const { PATH = '' } = process.env;
const bin = fileURLToPath(new URL('../../../bin/runbook.js', import.meta.url));
const fixtures = fileURLToPath(new URL('../../../test/fixtures/runbooks', import.meta.url));

function io(env: Record<string, string>): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    env,
    cwd: fixtures,
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
    prompt: undefined,
    signal: new AbortController().signal,
  };
}

describe('runbook list', () => {
  it('prints a table of id, status, version, hash, severity and triggers from the real command', () => {
    const result = spawnSync(process.execPath, [bin, 'list'], {
      cwd: fixtures,
      env: { PATH, RUNBOOK_RUNBOOKS_DIR: 'library' },
      encoding: 'utf8',
    });
    assert.equal(result.status, 0, result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^ID +STATUS +VERSION +HASH +SEVERITY +TRIGGERS$/);
    assert.equal(lines.length, 6);
    assert.match(
      lines[1] ?? '',
      /^certificate-expiry +draft +1 +[0-9a-f]{12} +P3 +alert:SSLCertExpiringSoon$/,
    );
    assert.match(
      lines[5] ?? '',
      /^payment-db-exhaustion +published +3 +[0-9a-f]{12} +P1 +alert:PaymentServiceHighLatency\{service=payment-service\}, alert:Payment\*, metric:.*, schedule:\*\/15 \* \* \* \* UTC, manual$/,
    );
  });

  it('prints JSON with --json, files relative to cwd', async () => {
    const terminal = io({ RUNBOOK_RUNBOOKS_DIR: 'library' });
    assert.equal(await listCommand.run(['--json'], terminal), 0);
    const parsed = JSON.parse(terminal.out.join('')) as {
      runbooks: { id: string; file: string; hash: string; triggers: unknown[] }[];
      issues: unknown[];
      knowledge: number;
    };
    assert.deepEqual(
      parsed.runbooks.map((runbook) => [runbook.id, runbook.file]),
      [
        ['certificate-expiry', 'library/draft-cert.yaml'],
        ['checkout-bad-deploy', 'library/checkout-deploy.yaml'],
        ['disk-filling-up', 'library/storage/disk.yml'],
        ['legacy-queue', 'library/archived-legacy.yaml'],
        ['payment-db-exhaustion', 'library/payment-db.yaml'],
      ],
    );
    assert.deepEqual(parsed.issues, []);
    assert.equal(parsed.knowledge, 2);
  });

  it('names the files it skipped on stderr', async () => {
    const terminal = io({ RUNBOOK_RUNBOOKS_DIR: 'duplicates' });
    assert.equal(await listCommand.run([], terminal), 0);
    assert.match(terminal.out.join(''), /^ID .*\nsame-id +published/);
    assert.match(
      terminal.err.join(''),
      /skipped: duplicates\/second\.yaml:2: id: duplicate runbook id "same-id": already in duplicates\/first\.yaml/,
    );
  });
});
