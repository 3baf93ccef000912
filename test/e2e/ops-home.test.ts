import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type FakeSlack, startFakeSlack } from '../fakes/slack.ts';
import { createSlackRequester, type SlackRequester } from '../fakes/slack-requests.ts';
import {
  diskRunbook,
  eventually,
  type OpsApp,
  SIGNING_SECRET,
  startOpsApp,
  sweepRunbook,
} from './ops-helpers.ts';

describe('the Home tab and run controls', () => {
  let dir: string;
  let slack: FakeSlack;
  let ops: OpsApp;
  let send: SlackRequester;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'runbook-ops-home-'));
    const library = join(dir, 'runbooks');
    await mkdir(library);
    await writeFile(join(library, 'disk.yaml'), diskRunbook(join(dir, 'executed.txt')));
    await writeFile(join(library, 'slow.yaml'), sweepRunbook('slow', 'sleep 15'));
    slack = await startFakeSlack();
    ops = await startOpsApp({ dataDir: dir, runbooksDir: library, slack });
    send = createSlackRequester({ appUrl: ops.url, signingSecret: SIGNING_SECRET, slack });
  });

  after(async () => {
    await ops?.stop();
    await slack?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('publishes runbooks with their last run and recent runs, and opens a run timeline in a modal', async () => {
    const handle = await ops.app.runs.startRunbook({
      runbookId: 'disk-pressure',
      params: {},
      actor: 'U0ALICE',
      origin: { source: 'slack', channel: 'C0HOME' },
    });
    await handle.done;
    await send.event({ type: 'app_home_opened', user: 'U0ALICE', channel: 'D0HOME', tab: 'home' });
    const published = await slack.waitFor(() => slack.callsTo('views.publish')[0]);
    assert.equal(published.args['user_id'], 'U0ALICE');
    const view = JSON.stringify(published.args['view']);
    assert.match(view, /Disk pressure on payment-service.*disk-pressure.*published · 1 checks · last run/);
    assert.match(view, new RegExp(handle.runId));
    await send.click({
      actionId: 'run_timeline',
      value: handle.runId,
      user: 'U0ALICE',
      channel: 'D0HOME',
      messageTs: '1.1',
    });
    const opened = await slack.waitFor(() => slack.callsTo('views.open')[0]);
    assert.match(JSON.stringify(opened.args['view']), /Run timeline.*Disk usage probe.*finished completed/);
  });

  it('aborts a live run from the Abort button its parent message carries', async () => {
    await send.command('run slow', { channel: 'C0CONTROL', user: 'U0ALICE' });
    const parent = await slack.waitFor(() =>
      [...slack.messages.values()].find(
        (m) =>
          m.channel === 'C0CONTROL' && !m.thread_ts && JSON.stringify(m.blocks ?? []).includes('run_abort'),
      ),
    );
    const runId = /"run_abort","value":"([^"]+)"/.exec(JSON.stringify(parent.blocks))?.[1] as string;
    assert.ok(runId);
    await send.click({
      actionId: 'run_abort',
      value: runId,
      user: 'U0ALICE',
      channel: 'C0CONTROL',
      messageTs: parent.ts,
    });
    const record = await eventually(
      async () => {
        const run = await ops.app.runs.get(runId);
        return run?.status === 'cancelled' ? run : undefined;
      },
      8000,
      'the run to be cancelled',
    );
    assert.equal(record.status, 'cancelled');
  });
});
