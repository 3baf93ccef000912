import { join } from 'node:path';
import { withScenarioApp } from '../src/cli/scenario-app.ts';
import type { BenchFigure } from './types.ts';

const root = join(import.meta.dirname, '..');
const INVESTIGATIONS = 50;

function settledRssMb(): number {
  // With --expose-gc (npm run bench passes it) the figure is what stays, not what is waiting for GC.
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round((process.memoryUsage().rss / 1024 / 1024) * 10) / 10;
}

/** Resident memory of the app when idle, and after 50 investigations of a real scenario. */
export async function benchMemory(): Promise<BenchFigure[]> {
  return withScenarioApp(
    join(root, 'test/scenarios/payment-db-exhaustion'),
    { env: { RUNBOOK_RUNBOOKS_DIR: join(root, 'runbooks') }, cwd: root },
    async (app, environment) => {
      const idle = settledRssMb();
      for (let index = 0; index < INVESTIGATIONS; index += 1) {
        const handle = await app.runs.startInvestigation({
          trigger: { target: environment.alert.name, alert: environment.alert },
          actor: 'bench',
          origin: { source: 'cli' },
        });
        await handle.done;
      }
      const after = settledRssMb();
      return [
        {
          name: 'memory.idle_rss_mb',
          value: idle,
          unit: 'MiB',
          meaning: 'resident memory of the built app (catalog, providers, state, audit), idle, after GC',
        },
        {
          name: 'memory.after_50_investigations_rss_mb',
          value: after,
          unit: 'MiB',
          meaning: `resident memory after ${INVESTIGATIONS} investigations of payment-db-exhaustion, after GC (growth ${Math.round((after - idle) * 10) / 10} MiB)`,
        },
      ];
    },
  );
}
