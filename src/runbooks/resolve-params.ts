import { RunbookError } from '../errors/index.ts';
import { type CoercedValue, coerceParamValue, type ParamValue } from './coerce-param-value.ts';
import { didYouMean } from './did-you-mean.ts';
import type { ParameterDefinition, RunbookDefinition } from './schema.ts';

export type ResolvedParams = Record<string, ParamValue>;

function labelNames(parameter: ParameterDefinition): string[] {
  if (parameter.fromLabel === undefined) return [];
  return Array.isArray(parameter.fromLabel) ? parameter.fromLabel : [parameter.fromLabel];
}

function shown(value: ParamValue): string {
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

function refuse(runbook: RunbookDefinition, message: string): never {
  throw new RunbookError('parameter.invalid', `runbook "${runbook.id}": ${message}`);
}

function accept(
  runbook: RunbookDefinition,
  parameter: ParameterDefinition,
  from: string,
  raw: ParamValue,
  result: CoercedValue,
): ParamValue {
  if (result.ok) return result.value;
  return refuse(
    runbook,
    `parameter "${parameter.name}" ${from}: ${shown(raw)} is not valid: ${result.problem}`,
  );
}

/**
 * The run's parameter values: given by a person (`--param k=v`, Slack), else from the alert's
 * labels (`fromLabel`, first label present wins), else the default. Values from people and alerts
 * are untrusted: typed, checked against `enum`/`pattern`, and otherwise limited to a safe
 * character set. An optional string parameter with no value is "". Throws
 * RunbookError('parameter.invalid') naming the parameter, the value and what would be right.
 */
export function resolveParams(
  runbook: RunbookDefinition,
  provided: Readonly<Record<string, string>>,
  alertLabels: Readonly<Record<string, string>> = {},
): ResolvedParams {
  const declared = runbook.parameters.map((parameter) => parameter.name);
  for (const name of Object.keys(provided)) {
    if (declared.includes(name)) continue;
    const known = declared.length > 0 ? `; it takes: ${declared.join(', ')}` : '; it takes no parameters';
    refuse(runbook, `unknown parameter "${name}"${didYouMean(name, declared) || known}`);
  }
  const resolved: ResolvedParams = {};
  for (const parameter of runbook.parameters) {
    const given = Object.hasOwn(provided, parameter.name) ? provided[parameter.name] : undefined;
    if (given !== undefined) {
      resolved[parameter.name] = accept(
        runbook,
        parameter,
        'given',
        given,
        coerceParamValue(parameter, given, false),
      );
      continue;
    }
    const label = labelNames(parameter).find(
      (name) => Object.hasOwn(alertLabels, name) && alertLabels[name] !== '',
    );
    const labelValue = label === undefined ? undefined : alertLabels[label];
    if (label !== undefined && labelValue !== undefined) {
      const result = coerceParamValue(parameter, labelValue, false);
      resolved[parameter.name] = accept(
        runbook,
        parameter,
        `from alert label "${label}"`,
        labelValue,
        result,
      );
      continue;
    }
    if (parameter.default !== undefined) {
      const result = coerceParamValue(parameter, parameter.default, true);
      resolved[parameter.name] = accept(runbook, parameter, 'default', parameter.default, result);
      continue;
    }
    if (parameter.required === true) {
      const labels = labelNames(parameter);
      const hint = labels.length > 0 ? ` or an alert label ${labels.map((l) => `"${l}"`).join(' / ')}` : '';
      refuse(runbook, `parameter "${parameter.name}" is required: pass --param ${parameter.name}=…${hint}`);
    }
    if (parameter.type === 'string') resolved[parameter.name] = '';
  }
  return resolved;
}
