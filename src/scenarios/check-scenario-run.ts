import type { Conclusion } from '../engine/events.ts';
import type { RecordedWrite } from './kubernetes-api/index.ts';
import type { ScenarioExpectation } from './types.ts';

export interface ScenarioCheck {
  passed: boolean;
  /** One sentence per unmet expectation; empty when passed. */
  failures: string[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** True when `text` names `resource` as a whole name: "deploy/checkout" names `checkout`, "checkout-db" does not. */
function namesResource(text: string, resource: string): boolean {
  const pattern = new RegExp(`(?<![A-Za-z0-9_.-])${escapeRegExp(resource)}(?![A-Za-z0-9_-])`, 'i');
  return pattern.test(text);
}

/**
 * What FORMAT.md says a run checks: the concluded category equals `expect.root_cause`; `expect.resource`, when
 * given, is named (the conclusion's resource, or its summary); when `expect.remediation` is given, a recommended
 * remediation has one of those action types; and the Kubernetes API recorded no write.
 */
export function checkScenarioRun(
  scenario: { expect: ScenarioExpectation },
  result: { conclusion: Conclusion },
  writes: readonly RecordedWrite[],
): ScenarioCheck {
  const { expect } = scenario;
  const { conclusion } = result;
  const failures: string[] = [];
  if (conclusion.category !== expect.rootCause) {
    failures.push(`root cause: expected ${expect.rootCause}, concluded ${conclusion.category}`);
  }
  if (expect.resource !== undefined) {
    const named =
      (conclusion.resource !== undefined && namesResource(conclusion.resource, expect.resource)) ||
      namesResource(conclusion.summary, expect.resource);
    if (!named) {
      const concluded = conclusion.resource === undefined ? 'no resource' : `"${conclusion.resource}"`;
      failures.push(`resource: expected ${expect.resource} to be named, concluded ${concluded}`);
    }
  }
  if (expect.remediation !== undefined) {
    const recommended = conclusion.remediations.map((remediation) => remediation.actionType);
    if (!recommended.some((type) => (expect.remediation as readonly string[]).includes(type))) {
      const got = recommended.length === 0 ? 'none' : [...new Set(recommended)].join(', ');
      failures.push(`remediation: expected one of ${expect.remediation.join(', ')}, recommended ${got}`);
    }
  }
  if (writes.length > 0) {
    const first = writes.slice(0, 3).map((write) => `${write.method} ${write.path}`);
    const more = writes.length > 3 ? ` and ${writes.length - 3} more` : '';
    failures.push(
      `mutation: the Kubernetes API recorded ${writes.length} write(s): ${first.join(', ')}${more}`,
    );
  }
  return { passed: failures.length === 0, failures };
}
