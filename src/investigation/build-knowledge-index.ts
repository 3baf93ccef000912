import MiniSearch from 'minisearch';
import type { KnowledgePassage } from '../engine/events.ts';
import { stepText } from '../runbooks/flow-steps.ts';
import type { RootCause } from '../runbooks/root-causes.ts';
import type { RunbookDefinition } from '../runbooks/schema.ts';
import { splitWords } from './split-words.ts';

/** A Markdown note from `runbooks/knowledge/` (post-mortem, architecture note). */
export interface KnowledgeDocument {
  path: string;
  title: string;
  text: string;
}

interface IndexedPassage {
  id: number;
  source: string;
  title: string;
  body: string;
  keywords: string;
  categories: RootCause[];
  runbookId?: string;
}

export interface KnowledgeHit extends KnowledgePassage {
  categories: RootCause[];
  runbookId?: string;
}

export interface KnowledgeIndex {
  search(query: string, limit?: number): KnowledgeHit[];
  readonly size: number;
}

const EXCERPT_CHARS = 400;

/** Splits a Markdown note into passages, one per heading (`#`, `##`, `###`). */
export function splitByHeading(document: KnowledgeDocument): Array<{ title: string; body: string }> {
  const passages: Array<{ title: string; body: string }> = [];
  let title = document.title;
  let lines: string[] = [];
  const flush = () => {
    const body = lines.join('\n').trim();
    if (body !== '') passages.push({ title, body });
    lines = [];
  };
  for (const line of document.text.split('\n')) {
    const heading = /^#{1,3}\s+(.+)$/.exec(line);
    if (heading?.[1]) {
      flush();
      title =
        heading[1].trim() === document.title ? document.title : `${document.title} — ${heading[1].trim()}`;
    } else {
      lines.push(line);
    }
  }
  flush();
  return passages;
}

function runbookPassage(id: number, runbook: RunbookDefinition, source: string): IndexedPassage {
  const triggers = runbook.triggers.map((trigger) =>
    trigger.type === 'alert' ? trigger.alertName : trigger.type,
  );
  const diagnostics = runbook.diagnostics.map((diagnostic) => diagnostic.name ?? diagnostic.id);
  const body = [runbook.description ?? runbook.name, ...(runbook.steps ?? []).map(stepText)].join('\n');
  return {
    id,
    source,
    title: runbook.name,
    body,
    keywords: [runbook.id, ...runbook.tags, ...runbook.categories, ...triggers, ...diagnostics].join(' '),
    categories: [...runbook.categories],
    runbookId: runbook.id,
  };
}

function mentionedCategories(text: string, categories: readonly RootCause[]): RootCause[] {
  const lower = text.toLowerCase();
  return categories.filter((category) => category !== 'none' && lower.includes(category));
}

/**
 * A BM25 index (minisearch) over the runbook library and the team's notes. Words are split the way
 * alert names are (`PodCrashLooping` → pod, crash, looping), so an alert name finds the runbook
 * whose trigger or diagnostics speak about the same thing.
 */
export function buildKnowledgeIndex(
  runbooks: ReadonlyArray<{ definition: RunbookDefinition; file: string }>,
  documents: readonly KnowledgeDocument[],
  categories: readonly RootCause[],
): KnowledgeIndex {
  const passages: IndexedPassage[] = [];
  for (const runbook of runbooks)
    passages.push(runbookPassage(passages.length, runbook.definition, runbook.file));
  for (const document of documents) {
    for (const passage of splitByHeading(document)) {
      passages.push({
        id: passages.length,
        source: document.path,
        title: passage.title,
        body: passage.body,
        keywords: '',
        categories: mentionedCategories(`${passage.title}\n${passage.body}`, categories),
      });
    }
  }
  const index = new MiniSearch<IndexedPassage>({
    fields: ['title', 'body', 'keywords'],
    tokenize: (text) => splitWords(text),
    searchOptions: { boost: { title: 2, keywords: 2 }, prefix: (term) => term.length > 4, fuzzy: 0.15 },
  });
  index.addAll(passages);
  return {
    size: passages.length,
    search(query, limit = 5) {
      if (passages.length === 0 || query.trim() === '') return [];
      return index
        .search(query, { combineWith: 'OR' })
        .slice(0, limit)
        .flatMap((hit) => {
          const passage = passages[hit.id as number];
          if (!passage) return [];
          const excerpt =
            passage.body.length > EXCERPT_CHARS ? `${passage.body.slice(0, EXCERPT_CHARS)}…` : passage.body;
          return [
            {
              source: passage.source,
              title: passage.title,
              excerpt,
              score: Math.round(hit.score * 100) / 100,
              categories: passage.categories,
              ...(passage.runbookId === undefined ? {} : { runbookId: passage.runbookId }),
            },
          ];
        });
    },
  };
}
