import { errorMessage } from '../errors/index.ts';
import { type CheckResult, errorResult, type Provider } from '../providers/types.ts';
import type { DiagnosticDefinition } from '../runbooks/schema.ts';
import type { Params } from './evaluate-health.ts';

/**
 * Calls a provider with its own deadline combined with the run's signal. The race matters: a
 * provider that ignores its signal still cannot hold the run past the step's timeout.
 */
export function checkWithTimeout(
  provider: Provider | undefined,
  step: DiagnosticDefinition,
  options: {
    params: Params;
    now: Date;
    signal: AbortSignal;
    /** Registers a callback for the run's abort; returns its removal. One listener per run, not per step. */
    onAbort: (callback: () => void) => () => void;
    timeoutMs: number;
    elapsedMs: () => number;
  },
): Promise<CheckResult> {
  if (!provider) return Promise.resolve(errorResult(`no provider for ${step.type}`, 0));
  if (options.signal.aborted) {
    return Promise.resolve(errorResult(`run aborted before "${step.id}" started`, 0));
  }
  const controller = new AbortController();
  return new Promise<CheckResult>((resolve) => {
    let settled = false;
    const finish = (result: CheckResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      removeAbortListener();
      resolve(result);
    };
    const fail = (message: string) => {
      finish(errorResult(message, options.elapsedMs()));
      controller.abort(new Error(message));
    };
    const timer = setTimeout(
      () => fail(`${step.type} "${step.id}" timed out after ${options.timeoutMs} ms`),
      options.timeoutMs,
    );
    const removeAbortListener = options.onAbort(() => fail(`run aborted while "${step.id}" was running`));
    const check = provider.check as (
      s: DiagnosticDefinition,
      c: Parameters<Provider['check']>[1],
    ) => Promise<CheckResult>;
    let pending: Promise<CheckResult>;
    try {
      pending = check.call(provider, step, {
        params: options.params,
        now: options.now,
        signal: controller.signal,
      });
    } catch (error) {
      fail(`${step.type} provider failed on "${step.id}": ${errorMessage(error)}`);
      return;
    }
    pending.then(
      (result) => finish(result),
      (error: unknown) => fail(`${step.type} provider failed on "${step.id}": ${errorMessage(error)}`),
    );
  });
}
