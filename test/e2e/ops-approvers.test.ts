import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type FakeSlack, startFakeSlack } from '../fakes/slack.ts';
import { approveButtonValue } from '../fakes/slack-approval-helpers.ts';
import { createSlackRequester, type SlackRequester } from '../fakes/slack-requests.ts';
import {
  diskRunbook,
  eventually,
  type OpsApp,
  readAudit,
  SIGNING_SECRET,
  startOpsApp,
} from './ops-helpers.ts';

describe('per-runbook approvers from RUNBOOK_CONFIG', () => {
  let dir: string;
  let slack: FakeSlack;
  let ops: OpsApp;
  let send: SlackRequester;
  let executedFile: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'runbook-ops-approvers-'));
    const library = join(dir, 'runbooks');
    await mkdir(library);
    executedFile = join(dir, 'executed.txt');
    await writeFile(join(library, 'disk.yaml'), diskRunbook(executedFile));
    slack = await startFakeSlack();
    ops = await startOpsApp({
      dataDir: dir,
      runbooksDir: library,
      slack,
      approvers: ['U0BOB'],
      configYaml: 'approvers:\n  runbooks:\n    disk-pressure: [U0CAROL]\n',
    });
    send = createSlackRequester({ appUrl: ops.url, signingSecret: SIGNING_SECRET, slack });
  });

  after(async () => {
    await ops?.stop();
    await slack?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("lets only the runbook's own approvers approve its remediation", async () => {
    await send.command('investigate DiskAlmostFull', { channel: 'C0DISK', user: 'U0ALICE' });
    const message = await slack.waitFor(
      () =>
        [...slack.messages.values()].find(
          (m) => m.channel === 'C0DISK' && approveButtonValue(m) !== undefined,
        ),
      15_000,
    );
    const approvalId = approveButtonValue(message) as string;
    const click = (user: string) =>
      send.click({
        actionId: 'approval_approve',
        value: approvalId,
        user,
        channel: 'C0DISK',
        messageTs: message.ts,
        ...(message.thread_ts ? { threadTs: message.thread_ts } : {}),
      });
    await click('U0BOB');
    const refused = await eventually(async () =>
      (await readAudit(ops.app.config.auditLogPath)).find(
        (line) => line.type === 'approval.refused' && line.actor === 'U0BOB',
      ),
    );
    assert.ok(refused, 'RUNBOOK_APPROVERS does not apply to a runbook with its own approvers');
    assert.equal(await readFile(executedFile, 'utf8').catch(() => ''), '');
    await click('U0CAROL');
    const lines = await eventually(async () => {
      const text = await readFile(executedFile, 'utf8').catch(() => '');
      return text.length > 0 ? text.trim().split('\n') : undefined;
    });
    assert.equal(lines.length, 1);
  });
});
