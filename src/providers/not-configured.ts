import type { DiagnosticType } from '../runbooks/schema.ts';
import { type CheckResult, errorResult } from './types.ts';

/** The error a provider returns when its settings are missing, naming the variables to set. */
export function notConfiguredResult(
  type: DiagnosticType | string,
  variables: string,
  query?: string,
): CheckResult {
  return errorResult(`${type} is not configured: set ${variables}`, 0, query);
}
