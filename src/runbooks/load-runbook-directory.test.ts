import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { RunbookError } from '../errors/index.ts';
import { loadRunbookDirectory } from './index.ts';

const fixtures = fileURLToPath(new URL('../../test/fixtures/runbooks/', import.meta.url));

describe('loadRunbookDirectory', () => {
  it('loads every runbook under the folder, nested ones too, and nothing from knowledge/', async () => {
    const library = await loadRunbookDirectory(`${fixtures}library`);
    assert.deepEqual(library.issues, []);
    assert.deepEqual(library.runbooks.map((runbook) => runbook.definition.id).sort(), [
      'certificate-expiry',
      'checkout-bad-deploy',
      'disk-filling-up',
      'legacy-queue',
      'payment-db-exhaustion',
    ]);
    assert.ok(library.runbooks.some((runbook) => runbook.file.endsWith('storage/disk.yml')));
  });

  it('reads the Markdown of knowledge/ with its first heading as the title', async () => {
    const { knowledge } = await loadRunbookDirectory(`${fixtures}library`);
    assert.deepEqual(
      knowledge.map((doc) => [doc.path.slice(fixtures.length), doc.title]),
      [
        ['library/knowledge/deploys.md', 'Rolling back'],
        ['library/knowledge/postgres-connections.md', 'Postgres connection exhaustion'],
      ],
    );
    assert.match(knowledge[1]?.text ?? '', /remaining connection slots/);
  });

  it('reports a runbook id used by two files at both files and keeps the first', async () => {
    const result = await loadRunbookDirectory(`${fixtures}duplicates`);
    assert.deepEqual(
      result.issues.map((issue) => [issue.file.slice(fixtures.length), issue.line, issue.field]),
      [
        ['duplicates/first.yaml', 1, 'id'],
        ['duplicates/second.yaml', 2, 'id'],
      ],
    );
    assert.match(result.issues[1]?.message ?? '', /duplicate runbook id "same-id": already in .*first\.yaml/);
    assert.deepEqual(
      result.runbooks.map((runbook) => runbook.file.slice(fixtures.length)),
      ['duplicates/first.yaml'],
    );
    assert.deepEqual(
      result.failedFiles.map((file) => file.slice(fixtures.length)),
      ['duplicates/second.yaml'],
    );
  });

  it('keeps every valid runbook and reports every broken file, never half a runbook', async () => {
    const result = await loadRunbookDirectory(`${fixtures}hostile`);
    assert.deepEqual(result.runbooks, []);
    assert.equal(new Set(result.issues.map((issue) => issue.file)).size, 13);
  });

  it('throws runbook.not_found for a folder that does not exist', async () => {
    await assert.rejects(
      loadRunbookDirectory(`${fixtures}nope`),
      (error: unknown) => error instanceof RunbookError && error.code === 'runbook.not_found',
    );
  });
});
