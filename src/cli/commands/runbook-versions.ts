import { loadConfig } from '../../config/index.ts';
import {
  loadRunbookDirectory,
  type RunbookVersionEntry,
  readVersionLog,
  recordLoadedVersions,
} from '../../runbooks/index.ts';
import type { CliIO } from '../types.ts';

/**
 * The version log of one runbook, brought up to date with the library first (a version nobody
 * has loaded since the file changed is logged now), oldest first.
 */
export async function versionsOf(id: string, io: Pick<CliIO, 'env' | 'cwd'>): Promise<RunbookVersionEntry[]> {
  const config = loadConfig(io.env, io.cwd);
  const library = await loadRunbookDirectory(config.runbooksDir);
  await recordLoadedVersions(config.dataDir, library.runbooks, () => new Date());
  return (await readVersionLog(config.dataDir)).filter((entry) => entry.id === id);
}
