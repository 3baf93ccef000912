import { benchDiagnosticsParallelism } from './diagnostics-parallelism.ts';
import { benchMemory } from './memory.ts';
import { benchScenarioSuite } from './scenario-suite.ts';
import { benchSlackAckLatency } from './slack-ack-latency.ts';
import type { BenchFigure } from './types.ts';

const suites: Array<[string, () => Promise<BenchFigure[]>]> = [
  // Memory first, while the process holds nothing but the app it measures.
  ['memory', benchMemory],
  ['diagnostics parallelism', benchDiagnosticsParallelism],
  ['scenario suite (accuracy, time to evidence and conclusion)', benchScenarioSuite],
  ['Slack ack latency', benchSlackAckLatency],
];

let failed = false;
for (const [title, run] of suites) {
  process.stdout.write(`\n## ${title}\n`);
  try {
    for (const figure of await run()) {
      process.stdout.write(`${figure.name} = ${figure.value} ${figure.unit}\n    ${figure.meaning}\n`);
    }
  } catch (error) {
    failed = true;
    process.stdout.write(`FAILED: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}
process.exitCode = failed ? 1 : 0;
