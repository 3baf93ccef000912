import { z } from 'zod';
import type { AlertInfo } from '../investigation/types.ts';
import { clip } from './alert-fields.ts';
import { describeIssues } from './describe-issues.ts';
import type { AlertNotification } from './types.ts';

const Reference = z.object({ id: z.string().optional(), summary: z.string().optional() }).nullish();

const Incident = z.object({
  id: z.string().min(1),
  type: z.string().optional(),
  title: z.string().min(1),
  status: z.string().optional(),
  html_url: z.string().optional(),
  incident_key: z.string().nullish(),
  created_at: z.string().optional(),
  urgency: z.string().optional(),
  service: Reference,
  priority: Reference,
});

/** PagerDuty's V3 webhook envelope (https://developer.pagerduty.com/docs/webhooks-overview). */
export const PagerDutyPayload = z.object({
  event: z.object({
    id: z.string().optional(),
    event_type: z.string().regex(/^[a-z_]+\.[a-z_]+$/, 'expected an event type like incident.triggered'),
    resource_type: z.string().optional(),
    occurred_at: z.string().optional(),
    data: z.unknown(),
  }),
});

type Payload = z.infer<typeof PagerDutyPayload>;

const FIRING = new Set(['incident.triggered', 'incident.reopened']);
const RESOLVED = new Set(['incident.resolved']);

/**
 * incident.triggered / reopened → firing, incident.resolved → resolved; other event types
 * (acknowledged, annotated, …) are acknowledged and ignored.
 */
export function pagerDutyNotification(
  payload: Payload,
): AlertNotification | { ignored: string } | { invalid: string } {
  const type = payload.event.event_type;
  const status = FIRING.has(type) ? 'firing' : RESOLVED.has(type) ? 'resolved' : undefined;
  if (status === undefined) return { ignored: `event type ${type} starts nothing` };
  const parsed = Incident.safeParse(payload.event.data);
  if (!parsed.success) return { invalid: describeIssues(parsed.error.issues, ['event', 'data']) };
  const incident = parsed.data;
  const service = incident.service?.summary;
  const severity = incident.priority?.summary ?? incident.urgency;
  const alert: AlertInfo = {
    name: clip(incident.title, 200) ?? incident.id,
    source: 'pagerduty',
    labels: {
      incident_id: incident.id,
      ...(service ? { service } : {}),
      ...(incident.urgency ? { urgency: incident.urgency } : {}),
      ...(incident.priority?.summary ? { priority: incident.priority.summary } : {}),
    },
    ...(severity ? { severity } : {}),
    ...(incident.created_at ? { startsAt: incident.created_at } : {}),
    fingerprint: incident.incident_key ?? incident.id,
  };
  return {
    source: 'pagerduty',
    status,
    key: incident.id,
    alerts: [alert],
    ...(incident.html_url ? { url: incident.html_url } : {}),
  };
}
