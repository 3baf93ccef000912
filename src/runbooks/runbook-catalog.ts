import { RunbookError, type SourceIssue } from '../errors/index.ts';
import type { AlertInfo } from '../investigation/types.ts';
import { didYouMean } from './did-you-mean.ts';
import type { KnowledgeDoc } from './load-knowledge.ts';
import { loadRunbookDirectory } from './load-runbook-directory.ts';
import type { LoadedRunbook } from './loaded-runbook.ts';
import { matchAlert } from './match-alert.ts';

export interface RunbookVersionInfo {
  hash: string;
  version: number;
  loadedAt: Date;
  file: string;
}

export interface CatalogReload {
  /** Problems of this load; a runbook whose file broke keeps its last good version. */
  issues: SourceIssue[];
  added: string[];
  changed: string[];
  removed: string[];
}

/** The runbook library in memory: latest versions for new runs, every version seen for pinned runs. */
export interface RunbookCatalog {
  readonly dir: string;
  /** Latest version of every runbook, archived ones included, sorted by id. */
  list(): LoadedRunbook[];
  get(id: string): LoadedRunbook | undefined;
  /** Like get, but throws RunbookError('runbook.not_found') with a suggestion. */
  require(id: string): LoadedRunbook;
  /** The exact version a run started with, even after the file changed or disappeared. */
  getVersion(id: string, hash: string): LoadedRunbook | undefined;
  /** Every version seen since start, oldest first. */
  versions(id: string): RunbookVersionInfo[];
  readonly knowledge: readonly KnowledgeDoc[];
  /** The last load's problems. */
  readonly issues: readonly SourceIssue[];
  /** Published runbooks whose alert triggers fit, best first. */
  matchAlert(alert: AlertInfo): LoadedRunbook[];
  /** Runbooks for a service that a person may run (published first, then drafts; not archived). */
  byService(name: string): LoadedRunbook[];
  /** Reads the folder again. Throws, changing nothing, when the folder itself cannot be read. */
  reload(): Promise<CatalogReload>;
}

export interface CatalogOptions {
  now?: () => Date;
}

interface StoredVersion {
  runbook: LoadedRunbook;
  loadedAt: Date;
}

/** Loads `dir` once and returns the catalog; see RunbookCatalog. */
export async function createRunbookCatalog(
  dir: string,
  options: CatalogOptions = {},
): Promise<RunbookCatalog> {
  const now = options.now ?? (() => new Date());
  let latest = new Map<string, LoadedRunbook>();
  const history = new Map<string, StoredVersion[]>();
  let knowledge: readonly KnowledgeDoc[] = [];
  let issues: readonly SourceIssue[] = [];
  let queue: Promise<unknown> = Promise.resolve();

  async function load(): Promise<CatalogReload> {
    const result = await loadRunbookDirectory(dir);
    const next = new Map(result.runbooks.map((runbook) => [runbook.definition.id, runbook]));
    for (const [id, previous] of latest) {
      if (!next.has(id) && result.failedFiles.includes(previous.file)) next.set(id, previous);
    }
    const loadedAt = now();
    const change: CatalogReload = { issues: result.issues, added: [], changed: [], removed: [] };
    for (const [id, runbook] of next) {
      const before = latest.get(id);
      if (!before) change.added.push(id);
      else if (before.hash !== runbook.hash) change.changed.push(id);
      const versions = history.get(id) ?? [];
      if (!versions.some((stored) => stored.runbook.hash === runbook.hash))
        versions.push({ runbook, loadedAt });
      history.set(id, versions);
    }
    change.removed.push(...[...latest.keys()].filter((id) => !next.has(id)));
    latest = new Map([...next].sort(([a], [b]) => a.localeCompare(b)));
    knowledge = result.knowledge;
    issues = result.issues;
    return change;
  }

  await load();

  const list = () => [...latest.values()];
  return {
    dir,
    list,
    get: (id) => latest.get(id),
    require(id) {
      const runbook = latest.get(id);
      if (runbook) return runbook;
      const ids = [...latest.keys()];
      const known = didYouMean(id, ids) || (ids.length > 0 ? `; available: ${ids.join(', ')}` : '');
      const brokenFiles = new Set(issues.map((issue) => issue.file)).size;
      const broken = brokenFiles > 0 ? `; ${brokenFiles} file(s) did not load: run \`runbook validate\`` : '';
      throw new RunbookError('runbook.not_found', `no runbook "${id}" in ${dir}${known}${broken}`);
    },
    getVersion: (id, hash) => history.get(id)?.find((stored) => stored.runbook.hash === hash)?.runbook,
    versions: (id) =>
      (history.get(id) ?? []).map(({ runbook, loadedAt }) => ({
        hash: runbook.hash,
        version: runbook.version,
        loadedAt,
        file: runbook.file,
      })),
    get knowledge() {
      return knowledge;
    },
    get issues() {
      return issues;
    },
    matchAlert: (alert) => matchAlert(list(), alert),
    byService(name) {
      const rank = (runbook: LoadedRunbook) => (runbook.definition.status === 'published' ? 0 : 1);
      return list()
        .filter((runbook) => runbook.definition.service === name && runbook.definition.status !== 'archived')
        .sort((a, b) => rank(a) - rank(b));
    },
    reload() {
      // One load at a time, so two quick file changes cannot interleave their results.
      const run = queue.then(load, load);
      queue = run;
      return run;
    },
  };
}
