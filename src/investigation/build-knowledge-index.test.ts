import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ROOT_CAUSES, RunbookSchema } from '../runbooks/index.ts';
import { buildKnowledgeIndex, splitByHeading } from './build-knowledge-index.ts';
import { splitWords } from './split-words.ts';

const runbook = (id: string, name: string, categories: string[], alertName: string) => ({
  file: `runbooks/${id}.yaml`,
  definition: RunbookSchema.parse({ id, name, categories, triggers: [{ type: 'alert', alertName }] }),
});

describe('buildKnowledgeIndex', () => {
  const index = buildKnowledgeIndex(
    [
      runbook('oom-killed', 'Containers OOM-killed', ['oom-killed'], 'KubeContainerOOMKilled'),
      runbook('disk-full', 'Disk full', ['disk-full'], 'NodeFilesystemAlmostOutOfSpace'),
    ],
    [
      {
        path: 'knowledge/pm.md',
        title: 'Post-mortem',
        text: '# Post-mortem\n\n## Summary\nThe billing-db ran out of connections (db-connection-exhaustion).\n\n## Lessons\nAlert on pool usage.',
      },
    ],
    ROOT_CAUSES,
  );

  it('finds the runbook whose trigger the alert name matches, split the way alerts are named', () => {
    const [first] = index.search(splitWords('NodeFilesystemAlmostOutOfSpace').join(' '));
    assert.equal(first?.runbookId, 'disk-full');
  });

  it('returns note passages with the categories they mention', () => {
    const hit = index.search('billing-db connections').find((entry) => entry.source === 'knowledge/pm.md');
    assert.equal(hit?.title, 'Post-mortem — Summary');
    assert.deepEqual(hit?.categories, ['db-connection-exhaustion']);
  });
});

describe('splitByHeading and splitWords', () => {
  it('splits a note into one passage per heading', () => {
    const passages = splitByHeading({
      path: 'a.md',
      title: 'Note',
      text: '# Note\nintro\n## One\nfirst\n## Two\nsecond',
    });
    assert.deepEqual(
      passages.map((p) => p.title),
      ['Note', 'Note — One', 'Note — Two'],
    );
  });

  it('splits CamelCase alert names and keeps joined pairs', () => {
    const words = splitWords('KubePodCrashLooping');
    assert.ok(words.includes('crash') && words.includes('looping') && words.includes('crashlooping'));
  });
});
