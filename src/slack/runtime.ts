import type { App } from '@slack/bolt';
import type { ApprovalMessages } from './approval-messages.ts';
import type { PostQueue } from './post-queue.ts';
import type { SlackLogger } from './slack-logger.ts';
import type { SlackMetrics } from './slack-metrics.ts';
import type { ThreadRegistry } from './thread-registry.ts';
import type { SlackAppDeps, SlackAppOptions } from './types.ts';
import type { UserGroupResolver } from './user-groups.ts';

export type WebClient = App['client'];

/** What every handler of the Slack app shares; built once by createSlackApp. */
export interface SlackRuntime {
  deps: SlackAppDeps;
  client: WebClient;
  queue: PostQueue;
  metrics: SlackMetrics;
  logger: SlackLogger;
  redact: (text: string) => string;
  now: () => Date;
  options: Required<SlackAppOptions>;
  threads: ThreadRegistry;
  approvalMessages: ApprovalMessages;
  groups: UserGroupResolver;
  /** Parent updates waiting for their interval; stop() sends them at once so the last state is shown. */
  pendingUpdates: Set<() => void>;
}

export const DEFAULT_OPTIONS: Required<SlackAppOptions> = {
  postIntervalMs: 1000,
  parentUpdateIntervalMs: 1500,
  webClientRetries: 2,
  requestTimeoutMs: 10_000,
  userGroupCacheMs: 60_000,
  drainTimeoutMs: 5000,
};
