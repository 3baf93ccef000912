import { join } from 'node:path';
import { evaluateScenario } from '../src/cli/evaluate-scenario.ts';
import { findScenarioDirs } from '../src/scenarios/index.ts';
import type { BenchFigure } from './types.ts';

const root = join(import.meta.dirname, '..');

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

/**
 * Every shipped scenario through `runbook eval`'s path (deterministic planner): accuracy, and how
 * long an on-call engineer waits from the alert to the first evidence and to the conclusion.
 */
export async function benchScenarioSuite(): Promise<BenchFigure[]> {
  const dirs = await findScenarioDirs(join(root, 'test/scenarios'));
  const evaluations = [];
  for (const dir of dirs) {
    evaluations.push(
      await evaluateScenario(dir, { env: { RUNBOOK_RUNBOOKS_DIR: join(root, 'runbooks') }, cwd: root }),
    );
  }
  const passed = evaluations.filter((evaluation) => evaluation.passed);
  const firstEvidence = evaluations.flatMap((e) =>
    e.firstEvidenceMs === undefined ? [] : [e.firstEvidenceMs],
  );
  const conclusion = evaluations.flatMap((e) => (e.conclusionMs === undefined ? [] : [e.conclusionMs]));
  const round = (value: number) => Math.round(value);
  const failedIds = evaluations.filter((e) => !e.passed).map((e) => e.id);
  return [
    {
      name: 'eval.accuracy',
      value: passed.length / Math.max(1, evaluations.length),
      unit: 'ratio',
      meaning: `${passed.length}/${evaluations.length} shipped scenarios reach the expected root cause, resource and remediation (deterministic planner)${failedIds.length > 0 ? `; failed: ${failedIds.join(', ')}` : ''}`,
    },
    {
      name: 'investigation.first_evidence_ms.median',
      value: round(percentile(firstEvidence, 50)),
      unit: 'ms',
      meaning: 'median time from the alert to the first finished check, over the scenario suite',
    },
    {
      name: 'investigation.first_evidence_ms.max',
      value: round(Math.max(...firstEvidence)),
      unit: 'ms',
      meaning: 'slowest time from the alert to the first finished check, over the scenario suite',
    },
    {
      name: 'investigation.conclusion_ms.median',
      value: round(percentile(conclusion, 50)),
      unit: 'ms',
      meaning:
        'median time from the alert to the conclusion (all hypotheses tested), over the scenario suite',
    },
    {
      name: 'investigation.conclusion_ms.max',
      value: round(Math.max(...conclusion)),
      unit: 'ms',
      meaning: 'slowest time from the alert to the conclusion, over the scenario suite',
    },
  ];
}
