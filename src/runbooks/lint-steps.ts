import type { PathIssue } from './field-path.ts';
import { allFlowSteps, flowSteps } from './flow-steps.ts';
import type { RunbookDefinition } from './schema.ts';

/** More steps than a person can follow at 3 AM without losing their place. */
export const MAX_STEPS = 20;

const COMPOUND = /\b(and then|and also|after that|then)\b/i;
const VAGUE =
  /\b(check everything|fix (it|things|the issue)|make sure everything|as needed|if necessary|as appropriate|somehow|etc\.?|and so on|look into|deal with|handle it)\b/i;
const URL = /\bhttps?:\/\/[^\s)'"]+/i;
const TIMESTAMP = /\b\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?\b|\b\d{1,2}:\d{2}\s*(am|pm|utc)?\b/i;
const THRESHOLD =
  /(?:[<>]=?|\b(?:above|below|over|under|exceeds?|more than|less than|at least|at most))\s*\d+(?:\.\d+)?\s*(?:%|(?:ms|s|sec|seconds|m|min|minutes|h|hours|mb|gb)\b)?|\b\d+(?:\.\d+)?\s*(?:%|(?:ms|seconds|minutes|mb|gb)\b)/i;

/**
 * Warnings about how steps are written (never errors): compound steps, vague steps, hard-coded
 * URLs, timestamps and thresholds that should be parameters, and procedures too long to follow.
 */
export function lintSteps(runbook: RunbookDefinition): PathIssue[] {
  const steps = allFlowSteps(flowSteps(runbook));
  const warnings: PathIssue[] = [];
  for (const step of steps) {
    const text =
      step.kind === 'instruction' ? step.instruction : step.kind === 'approval' ? step.question : undefined;
    if (text === undefined) continue;
    const path = step.path;
    // Placeholders are already parameters; only literal text is judged.
    const literal = text.replaceAll(/\$\{[^}]*\}/g, 'PARAM');
    if (COMPOUND.test(literal)) {
      warnings.push({
        path,
        message:
          'compound step: it does more than one thing; split it so each can be done, skipped or failed on its own',
      });
    }
    if (VAGUE.test(literal)) {
      warnings.push({ path, message: 'vague step: say exactly what to do and how to tell it worked' });
    }
    const url = URL.exec(literal);
    if (url) {
      warnings.push({
        path,
        message: `hard-coded URL ${url[0]}: make it a parameter so the runbook works in every environment`,
      });
    } else if (TIMESTAMP.test(literal)) {
      warnings.push({
        path,
        message: 'hard-coded time: make it a parameter, or describe it relative to the incident',
      });
    }
    const threshold = THRESHOLD.exec(literal);
    if (threshold) {
      warnings.push({
        path,
        message: `hard-coded threshold "${threshold[0].trim()}": make it a parameter with a default`,
      });
    }
  }
  const count = steps.filter((step) => step.kind !== 'parallel').length;
  if (count > MAX_STEPS) {
    warnings.push({
      path: ['steps'],
      message: `${count} steps: more than ${MAX_STEPS} is hard to follow; split it into runbooks that call each other`,
    });
  }
  return warnings;
}
