import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config/index.ts';
import type { ProgressEvent } from '../../src/engine/index.ts';
import { createInvestigator } from '../../src/investigation/index.ts';
import { createProviders } from '../../src/providers/index.ts';
import { loadRunbookDirectory, type RunbookDirectory } from '../../src/runbooks/index.ts';
import {
  checkScenarioRun,
  findScenarioDirs,
  loadScenario,
  startScenarioEnvironment,
} from '../../src/scenarios/index.ts';

const root = join(import.meta.dirname, '../..');
const scenarioDirs = await findScenarioDirs(join(root, 'test/scenarios'));

let library: RunbookDirectory;
before(async () => {
  library = await loadRunbookDirectory(join(root, 'runbooks'));
  assert.deepEqual(library.issues, [], 'the shipped runbook library loads without issues');
});

/**
 * The deterministic planner against every shipped scenario: a real Prometheus backfilled from the
 * scenario, the fake Kubernetes API, the HTTP services, and the real providers, one after another.
 */
describe('the deterministic planner on the shipped scenarios', () => {
  for (const dir of scenarioDirs) {
    it(`reaches the expected root cause in ${dir.split('/').at(-1)}`, async () => {
      const scenario = await loadScenario(dir);
      const environment = await startScenarioEnvironment(scenario);
      try {
        const config = loadConfig(environment.env, root);
        const investigator = createInvestigator({
          runbooks: () => library.runbooks,
          knowledge: () => library.knowledge,
          providers: createProviders(config),
        });
        const events: ProgressEvent[] = [];
        const result = await investigator.investigate(
          { target: environment.alert.labels['service'] ?? environment.alert.name, alert: environment.alert },
          {
            runId: `scenario-${scenario.id}`,
            emit: (event) => events.push(event),
            signal: AbortSignal.timeout(60_000),
            now: () => new Date(),
          },
        );
        const check = checkScenarioRun(scenario, result, environment.kubernetes?.writes() ?? []);
        assert.deepEqual(check.failures, [], `${scenario.id}: ${result.conclusion.summary}`);
        assert.ok(events.some((event) => event.type === 'hypothesis.formed'));
        assert.ok(events.some((event) => event.type === 'conclusion'));
        assert.equal(result.planner, 'deterministic');
      } finally {
        await environment.stop();
      }
    });
  }
});
