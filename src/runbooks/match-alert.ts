import type { AlertInfo } from '../investigation/types.ts';
import type { LoadedRunbook } from './loaded-runbook.ts';
import { isGlob, matchesGlob } from './match-glob.ts';
import type { TriggerDefinition } from './schema.ts';

type AlertTrigger = Extract<TriggerDefinition, { type: 'alert' }>;

/** How well one trigger fits: exact names beat globs, then more labels matched, then longer globs. */
interface TriggerScore {
  exact: boolean;
  labels: number;
  literalChars: number;
}

function scoreTrigger(trigger: AlertTrigger, alert: AlertInfo): TriggerScore | undefined {
  if (trigger.source !== undefined && trigger.source !== alert.source) return undefined;
  if (!matchesGlob(trigger.alertName, alert.name)) return undefined;
  const labels = Object.entries(trigger.labels ?? {});
  for (const [name, pattern] of labels) {
    const value = Object.hasOwn(alert.labels, name) ? alert.labels[name] : undefined;
    if (value === undefined || !matchesGlob(pattern, value)) return undefined;
  }
  return {
    exact: !isGlob(trigger.alertName),
    labels: labels.length,
    literalChars: trigger.alertName.replace(/[*?]/g, '').length,
  };
}

function compareScores(a: TriggerScore, b: TriggerScore): number {
  if (a.exact !== b.exact) return a.exact ? -1 : 1;
  if (a.labels !== b.labels) return b.labels - a.labels;
  return b.literalChars - a.literalChars;
}

/**
 * Published runbooks with an alert trigger that fits the alert (name glob, every trigger label,
 * source when given), best match first. Drafts and archived runbooks never match an alert.
 */
export function matchAlert(runbooks: readonly LoadedRunbook[], alert: AlertInfo): LoadedRunbook[] {
  const matches: { runbook: LoadedRunbook; score: TriggerScore }[] = [];
  for (const runbook of runbooks) {
    if (runbook.definition.status !== 'published') continue;
    let best: TriggerScore | undefined;
    for (const trigger of runbook.definition.triggers) {
      if (trigger.type !== 'alert') continue;
      const score = scoreTrigger(trigger, alert);
      if (score && (!best || compareScores(score, best) < 0)) best = score;
    }
    if (best) matches.push({ runbook, score: best });
  }
  return matches
    .sort(
      (a, b) =>
        compareScores(a.score, b.score) || a.runbook.definition.id.localeCompare(b.runbook.definition.id),
    )
    .map((match) => match.runbook);
}
