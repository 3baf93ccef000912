import { resolve } from 'node:path';
import { findScenarioDirs } from '../../scenarios/index.ts';
import { evaluateScenario, type ScenarioEvaluation } from '../evaluate-scenario.ts';
import type { CliCommand } from '../types.ts';

const usage = `Usage: runbook eval <scenario-folder>… [--json] [--planner deterministic|claude]

Runs each scenario (shared/scenarios/FORMAT.md) the way production runs an alert — its environment
on loopback, the investigation through the run service — and checks the conclusion: root cause,
resource, recommended remediation, and that nothing was mutated. A folder holding several scenario
folders runs them all. Prints one line per scenario, then "N passed, N failed"; exit 1 if any failed.`;

function seconds(ms: number | undefined): string {
  return ms === undefined ? '-' : `${(ms / 1000).toFixed(1)}s`;
}

export function formatEvaluation(evaluation: ScenarioEvaluation): string {
  const verdict = evaluation.passed ? 'PASS' : 'FAIL';
  const concluded = evaluation.concluded
    ? `${evaluation.concluded.category}${evaluation.concluded.resource ? ` (${evaluation.concluded.resource})` : ''} confidence ${evaluation.concluded.confidence}`
    : 'no conclusion';
  const expected = `${evaluation.expected.rootCause}${evaluation.expected.resource ? ` (${evaluation.expected.resource})` : ''}`;
  const line = `${verdict}  ${evaluation.id}  expected ${expected}  concluded ${concluded}  first evidence ${seconds(evaluation.firstEvidenceMs)}  conclusion ${seconds(evaluation.conclusionMs)}  total ${seconds(evaluation.durationMs)}`;
  return [line, ...evaluation.failures.map((failure) => `      ${failure}`)].join('\n');
}

export const evalCommand: CliCommand = {
  summary: 'Check investigations against incident scenarios: one line each, then N passed, N failed',
  usage,
  async run(args, io) {
    let json = false;
    let planner: 'deterministic' | 'claude' = 'deterministic';
    const folders: string[] = [];
    for (let index = 0; index < args.length; index += 1) {
      const arg = args[index] ?? '';
      if (arg === '--json') json = true;
      else if (arg === '--planner' || arg.startsWith('--planner=')) {
        const value = arg.includes('=') ? arg.slice('--planner='.length) : args[++index];
        if (value !== 'deterministic' && value !== 'claude') {
          io.stderr.write(
            `runbook eval: --planner expects deterministic or claude, got ${value ?? 'nothing'}\n`,
          );
          return 2;
        }
        planner = value;
      } else if (arg.startsWith('-')) {
        io.stderr.write(`runbook eval: unknown option ${arg}\n\n${usage}\n`);
        return 2;
      } else folders.push(arg);
    }
    if (folders.length === 0) {
      io.stderr.write(`${usage}\n`);
      return 2;
    }
    if (planner === 'claude' && !io.env['ANTHROPIC_API_KEY']) {
      io.stderr.write('runbook eval: --planner claude needs ANTHROPIC_API_KEY\n');
      return 2;
    }
    const dirs: string[] = [];
    for (const folder of folders) dirs.push(...(await findScenarioDirs(resolve(io.cwd, folder))));
    if (dirs.length === 0) {
      io.stderr.write(`runbook eval: no scenario folders (with scenario.yaml) in ${folders.join(', ')}\n`);
      return 1;
    }
    const evaluations: ScenarioEvaluation[] = [];
    for (const dir of dirs) {
      if (io.signal.aborted) break;
      const evaluation = await evaluateScenario(dir, {
        env: io.env,
        cwd: io.cwd,
        signal: io.signal,
        overrides: { planner },
      });
      evaluations.push(evaluation);
      if (!json) io.stdout.write(`${formatEvaluation(evaluation)}\n`);
    }
    const passed = evaluations.filter((evaluation) => evaluation.passed).length;
    const failed = evaluations.length - passed;
    if (json) io.stdout.write(`${JSON.stringify({ passed, failed, scenarios: evaluations }, null, 2)}\n`);
    else io.stdout.write(`${passed} passed, ${failed} failed\n`);
    return failed === 0 ? 0 : 1;
  },
};
