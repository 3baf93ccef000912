import type { HealthStatus, ProgressEvent } from '../../engine/index.ts';
import { formatDuration, truncate } from './format-value.ts';

const HEALTH_WIDTH = 8;
const MARK: Record<HealthStatus, string> = {
  healthy: '✓',
  warning: '✓',
  critical: '✓',
  unknown: '?',
  error: '✗',
};

/** One progress line per notable event (check starts show in the spinner only); undefined to skip. */
export function describeProgress(event: ProgressEvent, width = 100): string | undefined {
  switch (event.type) {
    case 'run.started': {
      const what = event.runbook
        ? `${event.runbook.id} v${event.runbook.version} (${event.runbook.hash})`
        : event.target;
      const params = Object.entries(event.params).map(([key, value]) => `${key}=${value}`);
      const lines = [`Running ${what}${params.length > 0 ? ` with ${params.join(' ')}` : ''}`];
      for (const warning of event.warnings ?? []) lines.push(`warning: ${warning}`);
      return lines.join('\n');
    }
    case 'check.finished': {
      const { outcome } = event;
      const detail = outcome.error ?? outcome.summary;
      return `${MARK[outcome.health]} ${outcome.checkId}  ${outcome.health.padEnd(HEALTH_WIDTH)}  ${truncate(detail, width)}`;
    }
    case 'decision.taken':
      return event.path.length > 0
        ? `→ decision: ${event.conclusion ?? event.path.at(-1)}`
        : '→ decision: no rule matched';
    case 'conclusion':
      return `■ ${event.conclusion.category} (${event.conclusion.confidence} confidence${event.conclusion.severity ? `, ${event.conclusion.severity}` : ''}): ${event.conclusion.summary}`;
    case 'remediation.proposed': {
      const { remediation } = event;
      const approval = event.approvalId
        ? `, approval ${event.approvalId} pending`
        : remediation.requiresApproval
          ? ', needs approval'
          : '';
      return `• proposed ${remediation.remediationId}: ${remediation.name} (${remediation.risk} risk${approval})`;
    }
    case 'approval.decided':
      return `• approval ${event.approvalId} ${event.decision} by ${event.actor}`;
    case 'action.finished':
      return `${event.status === 'succeeded' ? '✓' : '✗'} action ${event.status}: ${truncate(event.summary, width)}`;
    case 'validation.finished':
      return `${event.passed ? '✓' : '✗'} validation ${event.passed ? 'passed' : 'failed'}: ${event.summary}`;
    case 'error':
      return `error [${event.code}]: ${event.message}`;
    case 'run.finished':
      return `Run ${event.status} in ${formatDuration(event.durationMs)}`;
    case 'hypothesis.formed':
      return `? hypothesis ${event.hypothesis.category}: ${event.hypothesis.statement}`;
    case 'hypothesis.pruned':
      return `- pruned ${event.hypothesisId}: ${event.reason}`;
    case 'hypothesis.branched':
      return `+ branched ${event.hypothesisId}: ${event.reason}`;
    case 'step.changed':
      return `  step ${event.stepId}: ${event.status}${event.summary ? ` ${event.summary}` : ''}`;
    case 'check.started':
    case 'knowledge.retrieved':
    case 'evidence.graded':
      return undefined;
    default:
      return event satisfies never;
  }
}
