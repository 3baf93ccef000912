import { formatSourceIssue, RunbookError, type SourceIssue } from '../errors/index.ts';

/** A scenario file that does not follow shared/scenarios/FORMAT.md; one located issue per problem. */
export class ScenarioValidationError extends RunbookError {
  readonly issues: SourceIssue[];
  constructor(issues: SourceIssue[]) {
    super('scenario.invalid', issues.map(formatSourceIssue).join('\n'));
    this.name = 'ScenarioValidationError';
    this.issues = issues;
  }
}
