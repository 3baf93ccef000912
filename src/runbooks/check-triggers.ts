import { validate as isValidCron } from 'node-cron';
import type { PathIssue } from './field-path.ts';
import { globProblem } from './match-glob.ts';
import type { RunbookDefinition } from './schema.ts';

function isValidTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch (error) {
    if (error instanceof RangeError) return false;
    throw error;
  }
}

/** Alert globs are well-formed, schedules are valid cron in a known time zone. */
export function checkTriggers(runbook: RunbookDefinition): PathIssue[] {
  const issues: PathIssue[] = [];
  runbook.triggers.forEach((trigger, index) => {
    if (trigger.type === 'alert') {
      const problem = globProblem(trigger.alertName);
      if (problem) issues.push({ path: ['triggers', index, 'alertName'], message: problem });
      for (const [label, value] of Object.entries(trigger.labels ?? {})) {
        const labelProblem = globProblem(value);
        if (labelProblem) issues.push({ path: ['triggers', index, 'labels', label], message: labelProblem });
      }
    }
    if (trigger.type === 'schedule') {
      if (!isValidCron(trigger.cron)) {
        issues.push({
          path: ['triggers', index, 'cron'],
          message: `"${trigger.cron}" is not a valid cron expression; expected five or six fields like "*/5 * * * *"`,
        });
      }
      if (trigger.timezone !== undefined && !isValidTimezone(trigger.timezone)) {
        issues.push({
          path: ['triggers', index, 'timezone'],
          message: `unknown time zone "${trigger.timezone}"; expected an IANA name like "Europe/Paris" or "UTC"`,
        });
      }
    }
  });
  return issues;
}
