import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { errorMessage, type SourceIssue } from '../errors/index.ts';

/** A Markdown document from the library's `knowledge/` folder, indexed by the investigation. */
export interface KnowledgeDoc {
  path: string;
  /** The first heading, or the file name when there is none. */
  title: string;
  text: string;
}

const MAX_KNOWLEDGE_FILE_BYTES = 1024 * 1024;
const MARKDOWN = /\.(md|markdown)$/i;

function titleOf(text: string, path: string): string {
  const heading = /^#{1,6}[ \t]+(.+?)[ \t#]*$/m.exec(text);
  return heading?.[1] ?? basename(path, extname(path)).replace(/[-_]+/g, ' ');
}

async function markdownFiles(dir: string, files: string[]): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await markdownFiles(path, files);
    else if (entry.isFile() && MARKDOWN.test(entry.name)) files.push(path);
  }
}

/** Every Markdown file under `dir` (recursively, sorted); a missing folder is an empty knowledge base. */
export async function loadKnowledge(dir: string): Promise<{ docs: KnowledgeDoc[]; issues: SourceIssue[] }> {
  const exists = await stat(dir).then(
    (info) => info.isDirectory(),
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
  if (!exists) return { docs: [], issues: [] };
  const files: string[] = [];
  await markdownFiles(dir, files);
  const docs: KnowledgeDoc[] = [];
  const issues: SourceIssue[] = [];
  for (const path of files.sort()) {
    try {
      const { size } = await stat(path);
      if (size > MAX_KNOWLEDGE_FILE_BYTES) {
        issues.push({
          file: path,
          line: 1,
          field: '(file)',
          message: `${size} bytes is over the ${MAX_KNOWLEDGE_FILE_BYTES}-byte limit for a knowledge document`,
        });
        continue;
      }
      const text = await readFile(path, 'utf8');
      docs.push({ path, title: titleOf(text, path), text });
    } catch (error) {
      issues.push({ file: path, line: 1, field: '(file)', message: `cannot read: ${errorMessage(error)}` });
    }
  }
  return { docs, issues };
}
