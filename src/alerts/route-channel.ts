import type { RoutingRuleDefinition } from '../config/index.ts';
import { matchesGlob } from '../runbooks/index.ts';
import type { AlertNotification } from './types.ts';

function fits(pattern: string | string[] | undefined, value: string | undefined): boolean {
  if (pattern === undefined) return true;
  if (value === undefined) return false;
  return (Array.isArray(pattern) ? pattern : [pattern]).some((one) => matchesGlob(one, value));
}

function ruleFits(rule: RoutingRuleDefinition, notification: AlertNotification): boolean {
  const { match } = rule;
  if (match.source !== undefined && match.source !== notification.source) return false;
  return notification.alerts.some((alert) => {
    const labels = alert.labels;
    const label = (name: string) => (Object.hasOwn(labels, name) ? labels[name] : undefined);
    return (
      fits(match.severity, alert.severity ?? label('severity')) &&
      fits(match.service, label('service')) &&
      Object.entries(match.labels ?? {}).every(([name, pattern]) => fits(pattern, label(name)))
    );
  });
}

/**
 * Where an alert's investigation goes: the incident channel the alert names (`slack_channel`),
 * else the first routing rule that fits, else RUNBOOK_DEFAULT_CHANNEL (undefined: logged only).
 */
export function routeChannel(
  notification: AlertNotification,
  rules: readonly RoutingRuleDefinition[],
  defaultChannel: string | undefined,
): string | undefined {
  if (notification.channel) return notification.channel;
  return rules.find((rule) => ruleFits(rule, notification))?.channel ?? defaultChannel;
}
