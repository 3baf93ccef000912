import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { RunbookError, RunbookValidationError } from '../errors/index.ts';
import { detectParameters, draftToYaml, parseRunbook, splitSteps } from '../runbooks/index.ts';
import type { readAuthoringValues } from './authoring-view.ts';

/** The YAML a submitted modal stands for, checked by the same loader as every runbook. */
export function draftFromValues(
  values: ReturnType<typeof readAuthoringValues>,
  author: string,
): {
  yaml: string;
  errors: Record<string, string>;
} {
  const detected = detectParameters(splitSteps(values.steps));
  const declared = values.parameters
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  const yaml = draftToYaml(
    {
      id: values.id,
      name: values.name,
      description: values.description,
      steps: detected.steps,
      parameters: [...new Set([...declared, ...detected.parameters])],
    },
    author,
  );
  try {
    parseRunbook(yaml, `${values.id || 'draft'}.yaml`);
    return { yaml, errors: {} };
  } catch (error) {
    if (!(error instanceof RunbookValidationError)) throw error;
    const errors: Record<string, string> = {};
    for (const issue of error.issues) {
      const block = /^(id|name|description|steps|parameters)/.exec(issue.field)?.[1] ?? 'steps';
      errors[block] = [errors[block], `${issue.field}: ${issue.message}`]
        .filter(Boolean)
        .join('; ')
        .slice(0, 2000);
    }
    return { yaml, errors };
  }
}

const SLUG = /^[a-z0-9][a-z0-9-]*$/;

function fileOf(runbooksDir: string, id: string): string {
  if (!SLUG.test(id)) throw new RunbookError('runbook.invalid', `"${id}" is not a runbook id`);
  return join(runbooksDir, `${id}.yaml`);
}

/** YAML written by the model (or edited in the modal) as a draft, version 1, checked by the loader. */
export function draftFromYaml(text: string): { id: string; yaml: string; errors: string[] } {
  const document = parseDocument(text);
  if (document.errors.length === 0 && document.contents !== null) {
    document.set('status', 'draft');
    document.set('version', 1);
  }
  const yaml = document.errors.length === 0 ? document.toString() : text;
  const id = String(document.get('id') ?? '');
  try {
    parseRunbook(yaml, `${id || 'draft'}.yaml`);
    return { id, yaml, errors: [] };
  } catch (error) {
    if (!(error instanceof RunbookValidationError)) throw error;
    return {
      id,
      yaml,
      errors: error.issues.map((issue) => `line ${issue.line}: ${issue.field}: ${issue.message}`),
    };
  }
}

/** Writes a new draft into the library; refuses to overwrite a runbook that exists. */
export async function writeDraft(runbooksDir: string, id: string, yaml: string): Promise<string> {
  const file = fileOf(runbooksDir, id);
  try {
    await writeFile(file, yaml, { flag: 'wx' });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'EEXIST') {
      throw new RunbookError(
        'runbook.invalid',
        `a runbook file ${id}.yaml already exists: choose another id`,
      );
    }
    throw error;
  }
  return file;
}

/** Sets `status: published` in the file, keeping its comments and layout; it must still load. */
export async function publishDraft(runbooksDir: string, id: string): Promise<void> {
  const file = fileOf(runbooksDir, id);
  const document = parseDocument(await readFile(file, 'utf8'));
  document.set('status', 'published');
  const text = document.toString();
  parseRunbook(text, file);
  await writeFile(file, text);
}
