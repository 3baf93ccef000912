import { createHash } from 'node:crypto';
import { errorMessage } from '../../errors/index.ts';
import { assertGranted, hashPlan } from '../plan-hash.ts';
import type { Action, ActionOutcome, PlanOptions } from '../types.ts';
import type { Notifier } from './notifier.ts';
import { messageText } from './notify-action.ts';
import type { PagerDutySender, PagerDutySeverity, PagerDutyTrigger } from './pagerduty.ts';

type EscalateSpec = Parameters<Action<'escalate'>['plan']>[0];

interface EscalationRequest {
  pagerduty?: PagerDutyTrigger;
  slack?: { channel: string | undefined; text: string };
}

const SEVERITY: Record<string, PagerDutySeverity> = {
  P1: 'critical',
  P2: 'error',
  P3: 'warning',
  P4: 'info',
};

function escalationText(spec: EscalateSpec, options: PlanOptions | undefined): string {
  const what = spec.message ?? options?.run?.summary ?? 'this incident needs a person';
  return messageText(spec.to ? `Escalating to ${spec.to}: ${what}` : `Escalating: ${what}`, options);
}

function trigger(spec: EscalateSpec, text: string, options: PlanOptions | undefined): PagerDutyTrigger {
  const run = options?.run;
  const dedup = run?.id ?? createHash('sha256').update(text).digest('hex').slice(0, 16);
  const details: Record<string, string> = {
    ...(run?.runbookId ? { runbook: run.runbookId } : {}),
    ...(run?.id ? { run_id: run.id } : {}),
    ...(spec.to ? { escalate_to: spec.to } : {}),
  };
  return {
    event_action: 'trigger',
    dedup_key: `runbook-${dedup}`,
    payload: {
      summary: (text.split('\n')[0] ?? text).slice(0, 1024),
      source: run?.service ?? 'runbook',
      severity: SEVERITY[run?.severity ?? ''] ?? 'error',
      ...(run?.service ? { component: run.service } : {}),
      custom_details: details,
    },
    client: 'Runbook',
  };
}

function dryRun(request: EscalationRequest): string {
  const parts: string[] = [];
  if (request.pagerduty) {
    parts.push(
      `page PagerDuty (Events API v2 POST /v2/enqueue, routing key not shown):\n${JSON.stringify(request.pagerduty, null, 2)}`,
    );
  }
  if (request.slack)
    parts.push(`post to ${request.slack.channel ?? 'the default channel'}:\n${request.slack.text}`);
  return parts.length > 0
    ? parts.join('\n')
    : 'nothing to escalate through: configure a PagerDuty routing key or Slack';
}

async function attempt(label: string, send: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await send();
    return undefined;
  } catch (error) {
    return `${label}: ${errorMessage(error)}`;
  }
}

/** Pages PagerDuty (when a routing key is configured) and posts to the escalation channel (when Slack is). */
export function createEscalateAction(
  notifier: Notifier | undefined,
  pagerduty: PagerDutySender | undefined,
  defaultChannel: string | undefined,
): Action<'escalate'> {
  return {
    type: 'escalate',
    async plan(spec, risk, options) {
      const text = escalationText(spec, options);
      const channel = options?.channel ?? defaultChannel;
      const request: EscalationRequest = {
        ...(pagerduty ? { pagerduty: trigger(spec, text, options) } : {}),
        ...(notifier ? { slack: { channel, text } } : {}),
      };
      const via = [
        request.pagerduty ? 'PagerDuty' : undefined,
        request.slack ? (channel ?? 'the default channel') : undefined,
      ].filter(Boolean);
      const plan = {
        type: 'escalate' as const,
        target: `escalate: ${spec.to ?? 'on-call'}`,
        description: `Escalate to ${spec.to ?? 'on-call'} via ${via.join(' and ') || 'nothing (not configured)'}.`,
        risk,
        mutates: false,
        dryRun: dryRun(request),
        spec,
        request: request as Record<string, unknown>,
        rollback: { description: options?.rollback ?? 'none: resolve or acknowledge the page in PagerDuty' },
      };
      return { ...plan, hash: hashPlan(plan) };
    },
    async execute(planned, grant): Promise<ActionOutcome> {
      assertGranted(planned, grant, 'escalate');
      const startedAt = performance.now();
      const request = (planned.request ?? {}) as EscalationRequest;
      const sent: string[] = [];
      const failures: string[] = [];
      if (request.pagerduty) {
        const event = request.pagerduty;
        const failure = await attempt('PagerDuty', () =>
          pagerduty ? pagerduty.enqueue(event) : Promise.reject(new Error('no routing key configured')),
        );
        if (failure) failures.push(failure);
        else sent.push(`paged PagerDuty (dedup key ${event.dedup_key})`);
      }
      if (request.slack) {
        const { channel, text } = request.slack;
        const failure = await attempt('Slack', () =>
          notifier ? notifier.post(channel, text) : Promise.reject(new Error('no notifier configured')),
        );
        if (failure) failures.push(failure);
        else sent.push(`posted to ${channel ?? 'the default channel'}`);
      }
      const durationMs = Math.round(performance.now() - startedAt);
      if (sent.length === 0 && failures.length === 0) {
        return {
          status: 'failed',
          summary: 'nothing to escalate through: set a PagerDuty routing key or SLACK_BOT_TOKEN',
          durationMs,
        };
      }
      return {
        status: failures.length === 0 ? 'succeeded' : 'failed',
        summary: [...sent, ...failures.map((failure) => `failed: ${failure}`)].join('; '),
        durationMs,
      };
    },
  };
}
