import { setTimeout as sleep } from 'node:timers/promises';
import type { Action } from '../actions/types.ts';
import type { ApprovalRequest } from '../approvals/index.ts';
import {
  type ActionStepOutcome,
  decisionContext,
  planRemediation,
  runDiagnostics,
  type StepOutcome,
  type StepPorts,
  type TakenAction,
} from '../engine/index.ts';
import { errorMessage, RunbookError } from '../errors/index.ts';
import {
  type DiagnosticDefinition,
  type FlowStep,
  inlineDiagnostics,
  substituteParams,
} from '../runbooks/index.ts';
import type { StateStore } from '../state/types.ts';
import type { RunnableRunbook } from './deps.ts';
import type { ExecuteDeps } from './execute-runbook.ts';
import type { LiveRun } from './live-run.ts';
import { procedureStates } from './procedure-state.ts';
import type { StepPrompts } from './step-prompts.ts';

/** How often a step waiting on an approval looks at it (decisions may come from another replica). */
const APPROVAL_POLL_MS = 100;
const SETTLED = ['executed', 'failed', 'denied', 'expired'];

export interface ProcedureDeps extends ExecuteDeps {
  store: StateStore;
  prompts: StepPrompts;
  /** Runs another runbook to its end as one step of this run. */
  runChild(
    runbookId: string,
    params: Record<string, string>,
    parent: LiveRun,
    signal: AbortSignal,
  ): Promise<{ runId: string; status: string; summary: string }>;
  /** Carries out an `agent: true` instruction with the investigation's read-only tools (needs a key). */
  agent?: (
    instruction: string,
    params: Record<string, string | number | boolean>,
    signal: AbortSignal,
  ) => Promise<string>;
}

async function waitForApproval(
  deps: ProcedureDeps,
  approvalId: string,
  signal: AbortSignal,
): Promise<ApprovalRequest> {
  for (;;) {
    const approval = await deps.approvals.get(approvalId);
    if (!approval) throw new RunbookError('approval.not_found', `approval ${approvalId} disappeared`);
    if (SETTLED.includes(approval.status)) return approval;
    await sleep(APPROVAL_POLL_MS, undefined, { signal });
  }
}

function outcomeOf(approval: ApprovalRequest): ActionStepOutcome {
  const base = { approvalId: approval.id, plan: approval.plan };
  if (approval.status === 'executed')
    return { ...base, status: 'succeeded', summary: approval.outcome?.summary ?? 'done' };
  if (approval.status === 'failed')
    return { ...base, status: 'failed', summary: approval.outcome?.summary ?? 'failed' };
  const by = approval.decidedBy ? ` by ${approval.decidedBy}` : '';
  return {
    ...base,
    status: approval.status === 'denied' ? 'denied' : 'expired',
    summary: `${approval.status}${by}`,
  };
}

/** The edges of one procedure run: checks, approvals, people, child runs, time and persistence. */
export function procedurePorts(
  run: LiveRun,
  runbook: RunnableRunbook,
  params: Record<string, string | number | boolean>,
  deps: ProcedureDeps,
): StepPorts {
  const definition = runbook.definition;
  const record = run.record;
  const at = () => deps.now().toISOString();
  const diagnosticsById = new Map<string, DiagnosticDefinition>(
    [...definition.diagnostics, ...inlineDiagnostics(definition)].map((diagnostic) => [
      diagnostic.id,
      diagnostic,
    ]),
  );
  const states = procedureStates(deps.store);

  async function request(remediationId: string, plan: ActionStepOutcome['plan'] & object) {
    const approval = await deps.approvals.request({
      runId: record.id,
      runbookId: definition.id,
      runbookVersion: String(runbook.version),
      remediationId,
      plan,
      requestedBy: record.actor,
      ...(record.origin.channel === undefined ? {} : { channel: record.origin.channel }),
    });
    record.approvalIds.push(approval.id);
    record.approvalParams = { ...record.approvalParams, [approval.id]: params };
    if (record.runbook)
      record.approvalRunbooks = { ...record.approvalRunbooks, [approval.id]: record.runbook };
    return approval;
  }

  async function propose(
    remediationId: string,
    name: string,
    plan: ActionStepOutcome['plan'] & object,
    risk: 'low' | 'medium' | 'high',
    signal: AbortSignal,
  ): Promise<ActionStepOutcome> {
    const approval = await request(remediationId, plan);
    run.emit({
      type: 'remediation.proposed',
      runId: record.id,
      at: at(),
      approvalId: approval.id,
      remediation: {
        runbookId: definition.id,
        remediationId,
        name,
        actionType: plan.type,
        risk,
        requiresApproval: true,
        rollback: plan.rollback.description,
        plan,
        params,
      },
    });
    return outcomeOf(await waitForApproval(deps, approval.id, signal));
  }

  async function ask(step: FlowStep, kind: 'instruction' | 'approval', prompt: string, signal: AbortSignal) {
    return deps.prompts.wait({ runId: record.id, stepId: step.id, kind, prompt }, signal);
  }

  return {
    signal: run.signal,
    now: deps.now,
    sleep: (ms, signal) => sleep(ms, undefined, { signal }),
    expression: (source) => runbook.expression(source),
    params,
    diagnosticIds: definition.diagnostics.map((diagnostic) => diagnostic.id),
    hasAgent: deps.agent !== undefined,
    changed(step, status, summary) {
      const waiting =
        status === 'waiting' && (step.kind === 'instruction' || step.kind === 'approval')
          ? {
              prompt: substituteParams(
                step.kind === 'instruction' ? step.instruction : step.question,
                params,
              ),
            }
          : {};
      run.emit({
        type: 'step.changed',
        runId: record.id,
        at: at(),
        stepId: step.id,
        status,
        kind: step.kind,
        name: step.name,
        ...(summary === undefined ? {} : { summary }),
        ...waiting,
      });
    },
    async boundary(state) {
      await states.save(record.id, state);
      await run.boundary();
      if (run.signal.aborted) return false;
      return true;
    },
    async diagnostic(reference, signal): Promise<StepOutcome> {
      const found = typeof reference === 'string' ? diagnosticsById.get(reference) : reference;
      if (!found) return { ok: false, summary: `no diagnostic "${String(reference)}"` };
      const { health, ...rest } = found;
      const prepared = substituteParams(rest, params) as DiagnosticDefinition;
      const [outcome] = await runDiagnostics([health === undefined ? prepared : { ...prepared, health }], {
        providers: deps.providers,
        expression: (source) => runbook.expression(source),
        params,
        runId: record.id,
        now: deps.now,
        signal,
        emit: run.emit,
        runbookId: definition.id,
        ...(deps.defaultTimeoutMs === undefined ? {} : { defaultTimeoutMs: deps.defaultTimeoutMs }),
      });
      if (!outcome) return { ok: false, summary: 'the check did not run' };
      const view = (decisionContext([outcome], params)['diagnostics'] as Record<string, StepOutcome['view']>)[
        found.id
      ];
      return {
        ok: outcome.health !== 'error' && outcome.health !== 'critical',
        summary: `${outcome.health}: ${outcome.outcome.summary}`,
        value: outcome.result.value,
        health: outcome.health,
        ...(view ? { view } : {}),
      };
    },
    async action(step, signal) {
      const remediation = definition.remediations.find((candidate) => candidate.id === step.remediationId);
      if (!remediation) return { status: 'unplanned', summary: `no remediation "${step.remediationId}"` };
      const planned = await planRemediation(remediation, params, deps.actions, {
        expression: (source) => runbook.expression(source),
        substitute: substituteParams,
        runbookId: definition.id,
        run: { id: record.id, runbookId: definition.id, severity: definition.severity },
        ...(definition.escalation?.channel === undefined ? {} : { channel: definition.escalation.channel }),
      });
      if (!planned.plan) {
        return {
          status: 'unplanned',
          summary: planned.planError ?? `${step.remediationId} has no action to run`,
        };
      }
      return propose(remediation.id, remediation.name, planned.plan, remediation.risk, signal);
    },
    async approval(step, signal) {
      const reply = await ask(step, 'approval', step.question, signal);
      const approved = reply.answer === 'approve';
      return {
        ok: approved,
        answer: approved ? 'approved' : 'denied',
        summary: `${approved ? 'approved' : 'denied'} by ${reply.actor}`,
      };
    },
    async instruction(step, signal) {
      if (step.agent && deps.agent) {
        const finding = await deps.agent(substituteParams(step.instruction, params), params, signal);
        return { ok: true, answer: 'done', summary: finding };
      }
      const reply = await ask(step, 'instruction', step.instruction, signal);
      const note = reply.note === undefined ? '' : `: ${reply.note}`;
      return {
        ok: reply.answer !== 'failed',
        answer: reply.answer,
        summary: `${reply.answer} by ${reply.actor}${note}`,
      };
    },
    async runbook(step, signal) {
      const childParams = Object.fromEntries(
        Object.entries(substituteParams(step.params, params)).map(([name, value]) => [name, String(value)]),
      );
      try {
        const child = await deps.runChild(step.runbookId, childParams, run, signal);
        return {
          ok: child.status === 'completed',
          summary: `${child.runId} ${child.status}: ${child.summary}`,
        };
      } catch (error) {
        if (signal.aborted) throw error;
        return { ok: false, summary: errorMessage(error) };
      }
    },
    async rollback(taken: TakenAction, signal) {
      const inverse = taken.plan.rollback.action;
      if (!inverse)
        return { status: 'unplanned', summary: `no inverse action: ${taken.plan.rollback.description}` };
      const action = deps.actions[inverse.type] as Action | undefined;
      if (!action) return { status: 'unplanned', summary: `no "${inverse.type}" action is configured` };
      try {
        const plan = await action.plan(inverse, taken.plan.risk, {
          rollback: `re-apply ${taken.remediationId}`,
          run: { id: record.id, runbookId: definition.id },
        });
        return await propose(
          `${taken.remediationId}-rollback`,
          `Roll back ${taken.remediationId}`,
          plan,
          taken.plan.risk,
          signal,
        );
      } catch (error) {
        if (signal.aborted) throw error;
        return { status: 'unplanned', summary: errorMessage(error) };
      }
    },
  };
}
