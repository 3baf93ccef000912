import type { FieldPath } from './field-path.ts';
import type { DiagnosticDefinition, RunbookDefinition, StepDefinition } from './schema.ts';

export type StepKind = 'instruction' | 'diagnostic' | 'action' | 'approval' | 'runbook' | 'parallel';

/** A step with its id settled (`step_<n>` by position when the author gave none) and where it is written. */
export type FlowStep = {
  id: string;
  name: string;
  path: FieldPath;
  if?: string;
  retry?: { attempts: number; backoff?: string | undefined };
  timeout?: string;
  continueOnError: boolean;
} & (
  | { kind: 'instruction'; instruction: string; agent: boolean }
  | { kind: 'diagnostic'; diagnostic: string | DiagnosticDefinition }
  | { kind: 'action'; remediationId: string }
  | { kind: 'approval'; question: string }
  | { kind: 'runbook'; runbookId: string; params: Record<string, string | number | boolean> }
  | { kind: 'parallel'; steps: FlowStep[] }
);

function truncate(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The words a person reads for a step (its instruction, question or name). */
export function stepText(step: StepDefinition): string {
  if (typeof step === 'string') return step;
  if ('instruction' in step) return step.instruction;
  if ('approval' in step) return step.approval;
  if (step.name !== undefined) return step.name;
  if ('diagnostic' in step)
    return typeof step.diagnostic === 'string' ? `check ${step.diagnostic}` : `check ${step.diagnostic.id}`;
  if ('action' in step) return `action ${step.action}`;
  if ('runbook' in step) return `runbook ${step.runbook}`;
  return `${step.parallel.length} steps at once`;
}

function settle(step: StepDefinition, id: string, path: FieldPath): FlowStep {
  if (typeof step === 'string') {
    return {
      id,
      name: truncate(step),
      path,
      continueOnError: false,
      kind: 'instruction',
      instruction: step,
      agent: false,
    };
  }
  const base = {
    id: step.id ?? id,
    name: truncate(step.name ?? stepText(step)),
    path,
    continueOnError: step.continueOnError ?? false,
    ...(step.if === undefined ? {} : { if: step.if }),
    ...(step.retry === undefined ? {} : { retry: step.retry }),
    ...(step.timeout === undefined ? {} : { timeout: step.timeout }),
  };
  if ('instruction' in step) {
    return { ...base, kind: 'instruction', instruction: step.instruction, agent: step.agent ?? false };
  }
  if ('diagnostic' in step) return { ...base, kind: 'diagnostic', diagnostic: step.diagnostic };
  if ('action' in step) return { ...base, kind: 'action', remediationId: step.action };
  if ('approval' in step) return { ...base, kind: 'approval', question: step.approval };
  if ('runbook' in step)
    return { ...base, kind: 'runbook', runbookId: step.runbook, params: step.params ?? {} };
  return {
    ...base,
    kind: 'parallel',
    steps: step.parallel.map((child, index) =>
      settle(child, `${base.id}_${index + 1}`, [...path, 'parallel', index]),
    ),
  };
}

/** The procedure's steps with ids settled, in order. */
export function flowSteps(definition: Pick<RunbookDefinition, 'steps'>): FlowStep[] {
  return (definition.steps ?? []).map((step, index) => settle(step, `step_${index + 1}`, ['steps', index]));
}

/** Every step, parallel groups' members included, depth first. */
export function allFlowSteps(steps: readonly FlowStep[]): FlowStep[] {
  return steps.flatMap((step) => (step.kind === 'parallel' ? [step, ...allFlowSteps(step.steps)] : [step]));
}

/** Whether a run of this runbook follows its steps (procedure) or its diagnostics and decision tree. */
export function isProcedure(definition: RunbookDefinition): boolean {
  if (definition.mode !== undefined) return definition.mode === 'procedure';
  if ((definition.preconditions?.length ?? 0) > 0 || (definition.successCriteria?.length ?? 0) > 0)
    return true;
  return allFlowSteps(flowSteps(definition)).some((step) => step.kind !== 'instruction');
}

/** Diagnostics written inline in steps; `diagnostics.<id>` reads them like the runbook's own. */
export function inlineDiagnostics(definition: Pick<RunbookDefinition, 'steps'>): DiagnosticDefinition[] {
  return allFlowSteps(flowSteps(definition)).flatMap((step) =>
    step.kind === 'diagnostic' && typeof step.diagnostic !== 'string' ? [step.diagnostic] : [],
  );
}
