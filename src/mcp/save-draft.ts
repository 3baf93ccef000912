import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { RunbookError } from '../errors/index.ts';
import { type LoadedRunbook, parseRunbook, type RunbookCatalog } from '../runbooks/index.ts';

/** Where drafts defined over MCP live, inside the runbook folder. */
export const DRAFTS_FOLDER = 'drafts';

/**
 * Validates `yaml` as a runbook (every problem as file:line: field: message) and saves it as
 * `<runbooks>/drafts/<id>.yaml`, then reloads the catalog. Only drafts: a definition whose status is
 * not `draft` is refused, and so is an id that belongs to a runbook outside the drafts folder.
 */
export async function saveDraft(catalog: RunbookCatalog, yaml: string): Promise<LoadedRunbook> {
  const draftsDir = join(catalog.dir, DRAFTS_FOLDER);
  const probe = parseRunbook(yaml, 'definition.yaml');
  const { id, status } = probe.definition;
  if (status !== 'draft') {
    throw new RunbookError(
      'runbook.invalid',
      `definition.yaml: status: MCP clients may only save drafts; write "status: draft" (a person publishes it)`,
    );
  }
  const file = join(draftsDir, `${id}.yaml`);
  const existing = catalog.get(id);
  if (existing && resolve(existing.file) !== resolve(file)) {
    throw new RunbookError(
      'runbook.invalid',
      `definition.yaml: id: "${id}" is already the runbook ${relative(catalog.dir, existing.file)}; choose another id`,
    );
  }
  await mkdir(draftsDir, { recursive: true });
  // Write then rename, so the catalog never reads half a file.
  const partial = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(partial, yaml, 'utf8');
  await rename(partial, file);
  await catalog.reload();
  const saved = catalog.get(id);
  if (!saved || saved.hash !== parseRunbook(yaml, file).hash) {
    const issue = catalog.issues.find((candidate) => resolve(candidate.file) === resolve(file));
    throw new RunbookError(
      'runbook.invalid',
      `saved ${relative(catalog.dir, file)} but the library did not load it${issue ? `: ${issue.message}` : ''}`,
    );
  }
  return saved;
}
