export { checkScenarioRun, type ScenarioCheck } from './check-scenario-run.ts';
export type { FakeKubernetesApi, RecordedWrite } from './kubernetes-api/index.ts';
export { findScenarioDirs, loadScenario } from './load-scenario.ts';
export {
  INSTALL_HINT as PROMETHEUS_INSTALL_HINT,
  type MetricsFile,
  parseMetricsFile,
  startPrometheus,
} from './prometheus/index.ts';
export { ScenarioValidationError } from './scenario-error.ts';
export {
  type ScenarioEnvironment,
  type ScenarioEnvironmentOptions,
  startScenarioEnvironment,
} from './start-scenario-environment.ts';
export type {
  ExpectableActionType,
  Scenario,
  ScenarioAlert,
  ScenarioExpectation,
  ScenarioService,
} from './types.ts';
