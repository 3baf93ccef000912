import type { RootCause } from '../runbooks/root-causes.ts';
import type { MetricsFile } from './prometheus/index.ts';
import type { EXPECTABLE_ACTION_TYPES } from './scenario-schema.ts';

export type ExpectableActionType = (typeof EXPECTABLE_ACTION_TYPES)[number];

/** The alert of a scenario, as its monitoring system would send it. */
export interface ScenarioAlert {
  source: 'alertmanager' | 'pagerduty' | 'datadog' | 'manual' | 'generic';
  name: string;
  severity?: string;
  labels: Record<string, string>;
  summary?: string;
}

/** An HTTP endpoint the harness serves on loopback under the service's name. */
export interface ScenarioService {
  path: string;
  status: number;
  latencyMs: number;
  body?: string | Record<string, unknown> | unknown[];
}

/** What an investigation of the scenario must reach (FORMAT.md, "What a run checks"). */
export interface ScenarioExpectation {
  rootCause: RootCause;
  resource?: string;
  remediation?: ExpectableActionType[];
}

/** One scenario folder, loaded and validated. */
export interface Scenario {
  id: string;
  title: string;
  /** Absolute path of the folder. */
  dir: string;
  alert: ScenarioAlert;
  services: Record<string, ScenarioService>;
  expect: ScenarioExpectation;
  metrics?: MetricsFile;
  /** kubernetes.yaml, validated; its timestamps are shifted when an environment starts. */
  kubernetes?: { file: string; text: string };
}
