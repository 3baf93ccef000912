import type { RootCause } from '../runbooks/index.ts';
import { parseDurationMs } from '../runbooks/index.ts';
import { CATEGORY_PROFILES, profileOf } from './category-profiles.ts';
import { detectOnset, seriesStart } from './detect-onset.ts';
import type { RanCheck } from './execute-checks.ts';
import type { GradedEvidence } from './grade-evidence.ts';

/** A change may precede its symptom by this much and still explain the symptom's onset. */
export const CHANGE_LEAD_MS = 30 * 60_000;
/** Clock and scrape-interval slack: a change up to this long after the onset still counts. */
export const ALIGNMENT_SLACK_MS = 3 * 60_000;
/** Evidence that starts this long after the symptom is a consequence, not the cause. */
export const CONSEQUENCE_LAG_MS = 5 * 60_000;

export interface TimingAssessment {
  /** Any symptom check is warning or critical now. */
  symptomPresent: boolean;
  /** Symptom checks returned data and every one is healthy: the alert has cleared. */
  symptomCleared: boolean;
  /** When the symptom began (ms since epoch), when the data shows it. */
  symptomOnsetMs?: number;
  /** When each change category's change happened (the latest rollout), ms since epoch. */
  changes: Map<RootCause, number>;
  /**
   * When each other category's strong evidence started, ms since epoch. `discrete` when read from a
   * series appearing (the first OOM kill, a new pod), which dates it to the scrape; otherwise it is
   * a gradual departure from a baseline, dated less precisely.
   */
  onsets: Map<RootCause, { ms: number; discrete: boolean }>;
}

const TIMESTAMP_KEYS =
  /^(created|createdAt|creationTimestamp|timestamp|time|startedAt|lastTimestamp|firstTimestamp|at|changedAt|deployedAt)$/;

function itemTimes(items: ReadonlyArray<Record<string, unknown>>): number[] {
  const times: number[] = [];
  for (const item of items) {
    for (const [key, value] of Object.entries(item)) {
      if (!TIMESTAMP_KEYS.test(key) || typeof value !== 'string') continue;
      const ms = Date.parse(value);
      if (Number.isFinite(ms)) times.push(ms);
    }
  }
  return times;
}

function seriesOnsetMs(check: RanCheck): number | undefined {
  const onsets = check.result.series.flatMap((point) => {
    const onset = point.samples ? detectOnset(point.samples) : undefined;
    return onset === undefined ? [] : [onset * 1000];
  });
  return onsets.length === 0 ? undefined : Math.min(...onsets);
}

/** When the check's first series appeared inside its range window (a new pod, a first OOM kill). */
function appearanceMs(check: RanCheck): number | undefined {
  const step = check.check.step;
  if (step.type !== 'prometheus_query' || !step.range) return undefined;
  const windowMs = parseDurationMs(step.range.window);
  const points = check.result.series.flatMap((point) => point.samples ?? []);
  if (windowMs === undefined || points.length === 0) return undefined;
  const last = Math.max(...points.map(([time]) => time));
  const starts = check.result.series.flatMap((point) => {
    const start = point.samples ? seriesStart(point.samples, last - windowMs / 1000) : undefined;
    return start === undefined ? [] : [start * 1000];
  });
  // Only when every series began inside the window: one that was there all along dates nothing.
  return starts.length === check.result.series.length && starts.length > 0 ? Math.min(...starts) : undefined;
}

function evidenceOnset(check: RanCheck): { ms: number; discrete: boolean } | undefined {
  const appeared = appearanceMs(check);
  const departed = seriesOnsetMs(check);
  if (appeared !== undefined && (departed === undefined || appeared <= departed))
    return { ms: appeared, discrete: true };
  return departed === undefined ? undefined : { ms: departed, discrete: false };
}

const isAbnormal = (check: RanCheck) => check.health === 'critical' || check.health === 'warning';

/** Reads the symptom's onset and each category's change or onset time from the checks that ran. */
export function assessTiming(ran: Iterable<RanCheck>): TimingAssessment {
  const checks = [...ran];
  const symptoms = checks.filter((check) => check.check.triage === 'symptom');
  const withData = symptoms.filter((check) => check.health !== 'error' && check.health !== 'unknown');
  const present = symptoms.filter(isAbnormal);
  const onsets = present.flatMap((check) => seriesOnsetMs(check) ?? []);
  const timing: TimingAssessment = {
    symptomPresent: present.length > 0,
    symptomCleared: withData.length > 0 && withData.every((check) => check.health === 'healthy'),
    changes: new Map(),
    onsets: new Map(),
    ...(onsets.length === 0 ? {} : { symptomOnsetMs: Math.min(...onsets) }),
  };
  for (const profile of CATEGORY_PROFILES) {
    const evidence = checks.filter(
      (check) => check.evidenceFor.includes(profile.category) && isAbnormal(check),
    );
    if (profile.isChange) {
      const times = evidence.flatMap((check) => {
        const onset = seriesOnsetMs(check);
        return onset === undefined
          ? itemTimes(check.result.items)
          : [...itemTimes(check.result.items), onset];
      });
      if (times.length > 0) timing.changes.set(profile.category, Math.max(...times));
    } else {
      const onsets = evidence
        .filter((check) => check.health === 'critical')
        .flatMap((check) => evidenceOnset(check) ?? []);
      const earliest = onsets.sort((a, b) => a.ms - b.ms)[0];
      if (earliest) timing.onsets.set(profile.category, earliest);
    }
  }
  return timing;
}

function minutes(ms: number): string {
  const value = Math.round(Math.abs(ms) / 60_000);
  return `${value} minute${value === 1 ? '' : 's'}`;
}

/**
 * What timing says about a category: for a change (a rollout), whether it came shortly before the
 * symptom began; for anything else, whether its evidence started well after the symptom did, which
 * makes it a consequence. Undefined when timing says nothing.
 */
export function gradeTiming(category: RootCause, timing: TimingAssessment): GradedEvidence | undefined {
  const onset = timing.symptomOnsetMs;
  if (profileOf(category)?.isChange) {
    const change = timing.changes.get(category);
    if (change === undefined) return undefined;
    const at = new Date(change).toISOString();
    if (onset === undefined) {
      return timing.symptomPresent
        ? { grade: 'weak', reason: `a rollout at ${at}; the data does not show when the symptom began` }
        : undefined;
    }
    const lead = onset - change;
    if (lead >= -ALIGNMENT_SLACK_MS && lead <= CHANGE_LEAD_MS) {
      return {
        grade: 'strong',
        reason: `the rollout at ${at} came ${lead >= 0 ? minutes(lead) : 'moments'} before the symptom began (${new Date(onset).toISOString()})`,
      };
    }
    if (lead < -ALIGNMENT_SLACK_MS) {
      return {
        grade: 'contradicting',
        reason: `the rollout at ${at} came ${minutes(lead)} after the symptom had already begun`,
      };
    }
    return {
      grade: 'contradicting',
      reason: `the rollout at ${at} came ${minutes(lead)} before the symptom began: too early to explain its onset`,
    };
  }
  const started = timing.onsets.get(category);
  if (started === undefined || onset === undefined) return undefined;
  const lag = started.ms - onset;
  if (lag > (started.discrete ? ALIGNMENT_SLACK_MS : CONSEQUENCE_LAG_MS)) {
    return {
      grade: 'contradicting',
      reason: `this began ${minutes(lag)} after the symptom did (${new Date(onset).toISOString()}): a consequence, not the cause`,
    };
  }
  return undefined;
}
