export { createScheduler } from './create-scheduler.ts';
export { runSweep } from './run-sweep.ts';
export { colorOf, worstColor } from './sweep-health.ts';
export { collectSweeps } from './sweep-specs.ts';
export type {
  Scheduler,
  SchedulerDeps,
  SchedulerLogger,
  SweepCheck,
  SweepColor,
  SweepDisplay,
  SweepInfo,
  SweepReport,
  SweepRunResult,
  SweepSpec,
} from './types.ts';
