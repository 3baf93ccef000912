import assert from 'node:assert/strict';
import { cp, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { RunbookError } from '../errors/index.ts';
import type { AlertInfo } from '../investigation/types.ts';
import { createRunbookCatalog, runbookRunnable } from './index.ts';

const library = fileURLToPath(new URL('../../test/fixtures/runbooks/library', import.meta.url));
const dirs: string[] = [];

async function copyOfLibrary(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'runbook-catalog-'));
  dirs.push(dir);
  await cp(library, dir, { recursive: true });
  return dir;
}

after(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

function alert(name: string, labels: Record<string, string> = {}): AlertInfo {
  return { name, source: 'alertmanager', labels };
}

const ids = (runbooks: readonly { definition: { id: string } }[]) => runbooks.map((r) => r.definition.id);

describe('RunbookCatalog', () => {
  let dir: string;
  before(async () => {
    dir = await copyOfLibrary();
  });

  it('lists the latest version of every runbook, archived ones included, sorted by id', async () => {
    const catalog = await createRunbookCatalog(dir);
    assert.deepEqual(ids(catalog.list()), [
      'certificate-expiry',
      'checkout-bad-deploy',
      'disk-filling-up',
      'legacy-queue',
      'payment-db-exhaustion',
    ]);
    assert.equal(catalog.knowledge.length, 2);
    assert.deepEqual(catalog.issues, []);
  });

  it('matches alerts to published runbooks only, exact names before globs and more labels first', async () => {
    const catalog = await createRunbookCatalog(dir);
    assert.deepEqual(ids(catalog.matchAlert(alert('HighErrorRate'))), ['checkout-bad-deploy']);
    assert.deepEqual(ids(catalog.matchAlert(alert('SSLCertExpiringSoon'))), []);
    assert.deepEqual(
      ids(catalog.matchAlert(alert('PaymentServiceHighLatency', { service: 'payment-service' }))),
      ['payment-db-exhaustion'],
    );
    assert.deepEqual(ids(catalog.matchAlert(alert('PaymentQueueBacklog'))), ['payment-db-exhaustion']);
    assert.deepEqual(ids(catalog.matchAlert(alert('KubePodCrashLooping'))), []);
  });

  it('matches trigger labels as globs and requires every one of them', async () => {
    await writeFile(
      join(dir, 'disk-critical.yaml'),
      [
        'id: disk-critical',
        'name: Root disk critical',
        'triggers:',
        '  - type: alert',
        '    alertName: NodeFilesystemSpaceFillingUp',
        '    labels: {severity: critical, mountpoint: "/", instance: "db-*"}',
        '',
      ].join('\n'),
    );
    const catalog = await createRunbookCatalog(dir);
    const labels = { severity: 'critical', mountpoint: '/', instance: 'db-1:9100' };
    assert.deepEqual(ids(catalog.matchAlert(alert('NodeFilesystemSpaceFillingUp', labels))), [
      'disk-critical',
      'disk-filling-up',
    ]);
    assert.deepEqual(
      ids(catalog.matchAlert(alert('NodeFilesystemSpaceFillingUp', { ...labels, instance: 'web-1:9100' }))),
      ['disk-filling-up'],
    );
    assert.deepEqual(ids(catalog.matchAlert(alert('NodeFilesystemAlmostOutOfFiles'))), ['disk-filling-up']);
    await unlink(join(dir, 'disk-critical.yaml'));
  });

  it('finds runbooks by service without archived ones', async () => {
    const catalog = await createRunbookCatalog(dir);
    assert.deepEqual(ids(catalog.byService('payment-service')), ['payment-db-exhaustion']);
    assert.deepEqual(ids(catalog.byService('nobody')), []);
  });

  it('says archived runbooks cannot run and drafts run with a warning', async () => {
    const catalog = await createRunbookCatalog(dir);
    const archived = runbookRunnable(catalog.require('legacy-queue'));
    assert.equal(archived.runnable, false);
    assert.match(archived.runnable ? '' : archived.reason, /archived/);
    const draft = runbookRunnable(catalog.require('certificate-expiry'));
    assert.ok(draft.runnable);
    assert.match(draft.warning ?? '', /draft/);
    assert.deepEqual(runbookRunnable(catalog.require('checkout-bad-deploy')), { runnable: true });
  });

  it('throws runbook.not_found with a suggestion for an unknown id', async () => {
    const catalog = await createRunbookCatalog(dir);
    assert.equal(catalog.get('checkout-bad-deploi'), undefined);
    assert.throws(
      () => catalog.require('checkout-bad-deploi'),
      (error: unknown) =>
        error instanceof RunbookError &&
        error.code === 'runbook.not_found' &&
        /did you mean "checkout-bad-deploy"/.test(error.message),
    );
  });
});

describe('RunbookCatalog versions', () => {
  const checkout = (threshold: number) =>
    [
      'id: checkout-bad-deploy',
      'name: Checkout errors after a deploy',
      'version: 1',
      'diagnostics:',
      '  - id: errors',
      '    type: prometheus_query',
      '    query: up',
      '    health:',
      `      critical: value > ${threshold}`,
      '',
    ].join('\n');

  it('keeps serving the exact version a run pinned after the file changed', async () => {
    const dir = await copyOfLibrary();
    let clock = Date.parse('2026-01-01T12:00:00Z');
    const catalog = await createRunbookCatalog(dir, { now: () => new Date(clock) });
    await writeFile(join(dir, 'checkout-deploy.yaml'), checkout(1));
    const first = await catalog.reload();
    assert.deepEqual(first.changed, ['checkout-bad-deploy']);
    const pinned = catalog.require('checkout-bad-deploy');

    clock += 60_000;
    await writeFile(join(dir, 'checkout-deploy.yaml'), checkout(5));
    const second = await catalog.reload();
    assert.deepEqual(second, { issues: [], added: [], changed: ['checkout-bad-deploy'], removed: [] });
    const latest = catalog.require('checkout-bad-deploy');
    assert.notEqual(latest.hash, pinned.hash);
    assert.equal(catalog.getVersion('checkout-bad-deploy', pinned.hash), pinned);
    assert.doesNotThrow(() => pinned.expression('value > 1'));
    assert.throws(() => latest.expression('value > 1'), /no expression/);

    const versions = catalog.versions('checkout-bad-deploy');
    assert.equal(versions.length, 3);
    assert.deepEqual(
      versions.slice(1).map((version) => [version.hash, version.loadedAt.toISOString()]),
      [
        [pinned.hash, '2026-01-01T12:00:00.000Z'],
        [latest.hash, '2026-01-01T12:01:00.000Z'],
      ],
    );
  });

  it('keeps the last good version when a reload finds the file broken, and reports why', async () => {
    const dir = await copyOfLibrary();
    const catalog = await createRunbookCatalog(dir);
    const good = catalog.require('checkout-bad-deploy');
    await writeFile(join(dir, 'checkout-deploy.yaml'), 'id: checkout-bad-deploy\nname: [broken\n');
    const result = await catalog.reload();
    assert.equal(catalog.require('checkout-bad-deploy'), good);
    assert.equal(result.issues.length, 1);
    assert.equal(catalog.issues[0]?.file, join(dir, 'checkout-deploy.yaml'));
    assert.equal(catalog.issues[0]?.field, '(yaml)');
  });

  it('drops a runbook whose file was deleted but keeps its versions for pinned runs', async () => {
    const dir = await copyOfLibrary();
    const catalog = await createRunbookCatalog(dir);
    const before = catalog.require('legacy-queue');
    await unlink(join(dir, 'archived-legacy.yaml'));
    const result = await catalog.reload();
    assert.deepEqual(result.removed, ['legacy-queue']);
    assert.equal(catalog.get('legacy-queue'), undefined);
    assert.equal(catalog.getVersion('legacy-queue', before.hash), before);
  });

  it('changes nothing when the folder itself has gone', async () => {
    const dir = await copyOfLibrary();
    const catalog = await createRunbookCatalog(dir);
    await rm(dir, { recursive: true, force: true });
    await assert.rejects(catalog.reload(), (error: unknown) => error instanceof RunbookError);
    assert.equal(catalog.list().length, 5);
  });
});
