import { z } from 'zod';
import type { AlertInfo } from '../investigation/types.ts';
import { channelNamed, clip } from './alert-fields.ts';
import type { AlertNotification } from './types.ts';

const Labels = z.record(z.string(), z.string());

const AlertmanagerAlert = z.object({
  status: z.enum(['firing', 'resolved']),
  labels: Labels.refine((labels) => typeof labels['alertname'] === 'string' && labels['alertname'] !== '', {
    message: 'every alert needs an alertname label',
  }),
  annotations: Labels.default({}),
  startsAt: z.string().optional(),
  endsAt: z.string().optional(),
  generatorURL: z.string().optional(),
  fingerprint: z.string().optional(),
});

/** Alertmanager's webhook payload, version 4 (https://prometheus.io/docs/alerting/latest/configuration/#webhook_config). */
export const AlertmanagerPayload = z.object({
  version: z.literal('4', { message: 'expected Alertmanager webhook version "4"' }),
  groupKey: z.string().min(1),
  truncatedAlerts: z.number().int().nonnegative().optional(),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string().optional(),
  groupLabels: Labels.default({}),
  commonLabels: Labels.default({}),
  commonAnnotations: Labels.default({}),
  externalURL: z.string().optional(),
  alerts: z.array(AlertmanagerAlert).min(1, 'expected at least one alert').max(1000),
});

type Payload = z.infer<typeof AlertmanagerPayload>;

function toAlertInfo(alert: Payload['alerts'][number]): AlertInfo {
  const { labels, annotations } = alert;
  const summary = clip(annotations['summary'] ?? annotations['description'] ?? annotations['message']);
  return {
    name: labels['alertname'] ?? 'unknown',
    source: 'alertmanager',
    labels: { ...labels },
    ...(labels['severity'] ? { severity: labels['severity'] } : {}),
    ...(summary ? { summary } : {}),
    ...(alert.startsAt ? { startsAt: alert.startsAt } : {}),
    ...(alert.fingerprint ? { fingerprint: alert.fingerprint } : {}),
  };
}

/** One notification per Alertmanager group: its alerts share one investigation, keyed by groupKey. */
export function alertmanagerNotification(payload: Payload): AlertNotification {
  // A firing group's notification lists its resolved members too; the investigation is about the firing ones.
  const relevant = payload.alerts.filter((alert) => alert.status === payload.status);
  const alerts = (relevant.length > 0 ? relevant : payload.alerts).map(toAlertInfo);
  const first = payload.alerts[0];
  const channel = channelNamed(
    payload.commonLabels,
    payload.commonAnnotations,
    first?.labels,
    first?.annotations,
  );
  return {
    source: 'alertmanager',
    status: payload.status,
    key: payload.groupKey,
    alerts,
    ...(channel ? { channel } : {}),
    ...(payload.externalURL ? { url: payload.externalURL } : {}),
  };
}
