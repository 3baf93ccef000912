import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { createActions } from '../actions/index.ts';
import { type ApprovalService, createApprovalService } from '../approvals/index.ts';
import { openAuditLog } from '../audit/index.ts';
import { type Config, loadConfig } from '../config/index.ts';
import { createProviders } from '../providers/index.ts';
import { createRunbookCatalog, type RunbookCatalog } from '../runbooks/index.ts';
import { createRunService, type RunService } from '../runs/index.ts';
import { createStateStore } from '../state/index.ts';
import type { CliIO } from './types.ts';

/** How long an approval asked for at the terminal stays open. */
const CLI_APPROVAL_TTL_MS = 30 * 60_000;

export interface CliServices {
  config: Config;
  catalog: RunbookCatalog;
  runs: RunService;
  approvals: ApprovalService;
  /** Who is at the terminal: `cli:<os user>`. */
  actor: string;
  close(): Promise<void>;
}

export function cliActor(io: Pick<CliIO, 'env'>): string {
  const { USER, LOGNAME } = io.env;
  return `cli:${USER ?? LOGNAME ?? userInfo().username}`;
}

const shortId = (prefix: string) => () => `${prefix}${randomBytes(6).toString('hex')}`;

/**
 * Everything a CLI command needs to run runbooks, from the environment: the catalog, providers,
 * actions, state store, audit log, approvals and the run service. (The lead moves this wiring into
 * `buildApp` later; until then it is the CLI's only composition root.)
 */
export async function buildCliServices(io: Pick<CliIO, 'env' | 'cwd'>): Promise<CliServices> {
  const config = loadConfig(io.env, io.cwd);
  const now = () => new Date();
  const actor = cliActor(io);
  const catalog = await createRunbookCatalog(config.runbooksDir);
  const store = await createStateStore({
    dataDir: config.dataDir,
    ...(config.redisUrl === undefined ? {} : { redisUrl: config.redisUrl }),
  });
  const audit = await openAuditLog(config.auditLogPath).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  // Commands inherit only PATH, HOME and LANG from the environment (the providers and actions pick them).
  const providers = createProviders(config, { processEnv: io.env });
  const actions = createActions(config, { processEnv: io.env });
  // The person at the terminal decides their own run's approvals, high risk included, but only
  // by answering the prompt: `--yes` never covers high risk (see run-approvals.ts).
  const approvals = createApprovalService({
    store,
    audit,
    actions,
    policy: {
      approvers: [...config.approvers, actor],
      allowSelfApproveHighRisk: true,
      defaultTtlMs: CLI_APPROVAL_TTL_MS,
    },
    now,
    newId: shortId('ap-'),
  });
  const runs = createRunService({
    catalog,
    providers,
    actions,
    approvals,
    audit,
    store,
    now,
    newId: shortId('run-'),
  });
  return {
    config,
    catalog,
    runs,
    approvals,
    actor,
    async close() {
      await runs.close();
      await audit.close();
      await store.close();
    },
  };
}
