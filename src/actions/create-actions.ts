import type { Config } from '../config/index.ts';
import type { FetchLike } from '../net/index.ts';
import { createRunCommandAction } from './command/index.ts';
import { createKubernetesActions, type KubernetesActionOptions } from './kubernetes/index.ts';
import {
  createEscalateAction,
  createNotifyAction,
  createPagerDutySender,
  type Notifier,
} from './notify/index.ts';
import { createSqlAction } from './sql/index.ts';
import type { ActionRegistry } from './types.ts';

export interface ActionsDependencies {
  /** Posts notify/escalate messages (the Slack app's post queue). */
  notifier?: Notifier;
  /** PagerDuty Events API v2: escalate pages when a routing key is given. */
  pagerduty?: { routingKey: string; baseUrl?: string };
  fetch?: FetchLike;
  /** Runbook's environment; commands inherit only PATH, HOME and LANG from it. */
  processEnv?: Readonly<Record<string, string | undefined>>;
  kubernetes?: KubernetesActionOptions;
}

/** Every write-side action. None runs without a grant for its exact plan. */
export function createActions(config: Config, deps: ActionsDependencies = {}): ActionRegistry {
  const pagerduty = deps.pagerduty
    ? createPagerDutySender({ ...deps.pagerduty, ...(deps.fetch ? { fetch: deps.fetch } : {}) })
    : undefined;
  const kubernetes = createKubernetesActions(config.kubernetes, deps.kubernetes);
  return {
    restart: kubernetes.restart,
    scale: kubernetes.scale,
    rollback: kubernetes.rollback,
    run_command: createRunCommandAction(deps.processEnv ? { processEnv: deps.processEnv } : {}),
    sql: createSqlAction(config.databases),
    notify: createNotifyAction(deps.notifier, config.defaultChannel),
    escalate: createEscalateAction(deps.notifier, pagerduty, config.defaultChannel),
  };
}
