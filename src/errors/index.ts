/** Stable error codes: callers branch on these, never on messages. */
export type ErrorCode =
  | 'config.invalid'
  | 'runbook.invalid'
  | 'runbook.not_found'
  | 'runbook.archived'
  | 'expression.invalid'
  | 'expression.failed'
  | 'parameter.invalid'
  | 'provider.not_configured'
  | 'provider.timeout'
  | 'provider.failed'
  | 'action.refused'
  | 'action.failed'
  | 'approval.not_found'
  | 'approval.expired'
  | 'approval.unauthorized'
  | 'approval.already_decided'
  | 'audit.corrupt'
  | 'audit.locked'
  | 'state.unavailable'
  | 'scenario.invalid'
  | 'slack.failed'
  | 'run.not_found'
  | 'run.invalid_state'
  | 'run.refused'
  | 'step.failed'
  | 'step.timeout'
  | 'database.not_configured'
  | 'database.failed'
  | 'alert.invalid'
  | 'sweep.not_found';

export class RunbookError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RunbookError';
    this.code = code;
  }
}

/** One problem in an input file, located so a person can jump to it. */
export interface SourceIssue {
  file: string;
  line: number;
  field: string;
  message: string;
}

export function formatSourceIssue(issue: SourceIssue): string {
  return `${issue.file}:${issue.line}: ${issue.field}: ${issue.message}`;
}

export class RunbookValidationError extends RunbookError {
  readonly issues: SourceIssue[];
  constructor(issues: SourceIssue[]) {
    super('runbook.invalid', issues.map(formatSourceIssue).join('\n'));
    this.name = 'RunbookValidationError';
    this.issues = issues;
  }
}

export class ConfigError extends RunbookError {
  readonly problems: string[];
  constructor(problems: string[]) {
    super('config.invalid', problems.join('\n'));
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
