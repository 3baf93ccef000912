import {
  CelScalar,
  type CelValue,
  celEnv,
  celFunc,
  isCelError,
  isCelList,
  isCelMap,
  listType,
  parse,
  plan,
} from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import type { Expr } from '@bufbuild/cel-spec/cel/expr/syntax_pb.js';
import { RunbookError } from '../errors/index.ts';

/**
 * Conditions are CEL (https://cel.dev): a small, side-effect-free language with no loops or I/O,
 * evaluated by @bufbuild/cel. Nothing here ever reaches `eval` or `Function`.
 */
export interface CompiledExpression {
  readonly source: string;
  /** Top-level variable names the expression reads. */
  readonly variables: readonly string[];
  evaluate(context: Readonly<Record<string, unknown>>): ExpressionResult;
}

export type ExpressionResult = { ok: true; value: unknown } | { ok: false; error: string };

const numberList = listType(CelScalar.DYN);

function numbersOf(list: CelValue): number[] {
  const numbers: number[] = [];
  if (!isCelList(list)) return numbers;
  for (const item of list) {
    if (typeof item === 'number') numbers.push(item);
    else if (typeof item === 'bigint') numbers.push(Number(item));
  }
  return numbers;
}

/** Aggregates over lists of numbers, which CEL's standard library lacks. */
const aggregateFunctions = [
  celFunc('max', [numberList], CelScalar.DOUBLE, (list) => {
    const numbers = numbersOf(list);
    return numbers.length === 0 ? Number.NaN : Math.max(...numbers);
  }),
  celFunc('min', [numberList], CelScalar.DOUBLE, (list) => {
    const numbers = numbersOf(list);
    return numbers.length === 0 ? Number.NaN : Math.min(...numbers);
  }),
  celFunc('sum', [numberList], CelScalar.DOUBLE, (list) => numbersOf(list).reduce((a, b) => a + b, 0)),
  celFunc('avg', [numberList], CelScalar.DOUBLE, (list) => {
    const numbers = numbersOf(list);
    return numbers.length === 0 ? Number.NaN : numbers.reduce((a, b) => a + b, 0) / numbers.length;
  }),
  celFunc('abs', [CelScalar.DOUBLE], CelScalar.DOUBLE, (x) => Math.abs(x)),
];

const environment = celEnv({ funcs: [...strings, ...aggregateFunctions] });

/** Free variables of an expression: identifiers not bound by a comprehension (`all`, `exists`, `map`…). */
function collectFreeVariables(expr: Expr | undefined, bound: ReadonlySet<string>, found: Set<string>): void {
  if (!expr) return;
  const kind = expr.exprKind;
  switch (kind.case) {
    case 'identExpr':
      if (!bound.has(kind.value.name)) found.add(kind.value.name);
      return;
    case 'selectExpr':
      collectFreeVariables(kind.value.operand, bound, found);
      return;
    case 'callExpr':
      collectFreeVariables(kind.value.target, bound, found);
      for (const arg of kind.value.args) collectFreeVariables(arg, bound, found);
      return;
    case 'listExpr':
      for (const element of kind.value.elements) collectFreeVariables(element, bound, found);
      return;
    case 'structExpr':
      for (const entry of kind.value.entries) {
        if (entry.keyKind.case === 'mapKey') collectFreeVariables(entry.keyKind.value, bound, found);
        collectFreeVariables(entry.value, bound, found);
      }
      return;
    case 'comprehensionExpr': {
      const comprehension = kind.value;
      collectFreeVariables(comprehension.iterRange, bound, found);
      collectFreeVariables(comprehension.accuInit, bound, found);
      const inner = new Set(bound);
      inner.add(comprehension.iterVar);
      if (comprehension.iterVar2) inner.add(comprehension.iterVar2);
      inner.add(comprehension.accuVar);
      collectFreeVariables(comprehension.loopCondition, inner, found);
      collectFreeVariables(comprehension.loopStep, inner, found);
      collectFreeVariables(comprehension.result, inner, found);
      return;
    }
    case 'constExpr':
    case undefined:
      return;
    default:
      kind satisfies never;
  }
}

/**
 * Our inputs are JS numbers, which CEL types as double, and CEL refuses `double + int`. Rewriting
 * integer literals as doubles lets authors write `value * 100 > 90`; list indexes stay integers.
 */
function literalIntegersToDoubles(
  expr: Expr | undefined,
  accumulators: ReadonlySet<string> = new Set(),
): void {
  if (!expr) return;
  const recurse = (inner: Expr | undefined) => literalIntegersToDoubles(inner, accumulators);
  const kind = expr.exprKind;
  switch (kind.case) {
    case 'constExpr': {
      const constant = kind.value.constantKind;
      if (constant.case === 'int64Value') {
        kind.value.constantKind = { case: 'doubleValue', value: Number(constant.value) };
      }
      return;
    }
    case 'selectExpr':
      recurse(kind.value.operand);
      return;
    case 'callExpr': {
      const call = kind.value;
      recurse(call.target);
      const first = call.args[0]?.exprKind;
      // Macros such as exists_one count with an int accumulator (`@result + 1`): keep that int.
      const isCounterStep =
        call.function === '_+_' && first?.case === 'identExpr' && accumulators.has(first.value.name);
      call.args.forEach((arg, position) => {
        if (call.function === '_[_]' && position === 1) return;
        if (isCounterStep && position === 1 && arg.exprKind.case === 'constExpr') return;
        recurse(arg);
      });
      return;
    }
    case 'listExpr':
      for (const element of kind.value.elements) recurse(element);
      return;
    case 'structExpr':
      for (const entry of kind.value.entries) recurse(entry.value);
      return;
    case 'comprehensionExpr': {
      // The accumulator's initial value is generated by the macro: leave it as it is.
      const inner = new Set(accumulators).add(kind.value.accuVar);
      literalIntegersToDoubles(kind.value.iterRange, accumulators);
      literalIntegersToDoubles(kind.value.loopCondition, inner);
      literalIntegersToDoubles(kind.value.loopStep, inner);
      literalIntegersToDoubles(kind.value.result, inner);
      return;
    }
    case 'identExpr':
    case undefined:
      return;
    default:
      kind satisfies never;
  }
}

/** Turns JS data into values CEL accepts: `undefined` becomes null, nested objects are kept. */
function toCelInput(value: unknown): unknown {
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map(toCelInput);
  if (
    value !== null &&
    typeof value === 'object' &&
    !(value instanceof Uint8Array) &&
    !(value instanceof Map)
  ) {
    const converted: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) converted[key] = toCelInput(inner);
    return converted;
  }
  return value;
}

/** Turns a CEL result back into plain JS: ints to numbers, lists to arrays, maps to objects. */
function fromCelValue(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (isCelList(value)) return [...value].map(fromCelValue);
  if (isCelMap(value)) {
    const result: Record<string, unknown> = {};
    for (const [key, inner] of value) result[String(key)] = fromCelValue(inner);
    return result;
  }
  return value;
}

/**
 * Parses an expression and checks that it reads only `allowedVariables`, so a typo such as
 * `valeu > 90` fails when the runbook loads instead of evaluating to false at 3 AM.
 * Throws RunbookError('expression.invalid') with a message that says what is wrong.
 */
export function compileExpression(source: string, allowedVariables: readonly string[]): CompiledExpression {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(source);
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/^<input>:/, 'at ') : String(error);
    throw new RunbookError('expression.invalid', `cannot parse "${source}": ${detail}`, { cause: error });
  }
  const found = new Set<string>();
  collectFreeVariables(parsed.expr, new Set(), found);
  const unknown = [...found].filter((name) => !allowedVariables.includes(name));
  if (unknown.length > 0) {
    throw new RunbookError(
      'expression.invalid',
      `"${source}" uses unknown variable${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')}; available here: ${allowedVariables.join(', ')}`,
    );
  }
  literalIntegersToDoubles(parsed.expr);
  const program = plan(environment, parsed);
  return {
    source,
    variables: [...found],
    evaluate(context) {
      try {
        const result = program(toCelInput(context) as Parameters<typeof program>[0]);
        if (isCelError(result)) return { ok: false, error: `${source}: ${result.message}` };
        return { ok: true, value: fromCelValue(result) };
      } catch (error) {
        return { ok: false, error: `${source}: ${error instanceof Error ? error.message : String(error)}` };
      }
    },
  };
}

/** Evaluates a compiled condition; anything but a boolean `true` is not a match, and errors are reported. */
export function evaluateCondition(
  expression: CompiledExpression,
  context: Readonly<Record<string, unknown>>,
): { ok: true; matched: boolean } | { ok: false; error: string } {
  const result = expression.evaluate(context);
  if (!result.ok) return result;
  if (typeof result.value !== 'boolean') {
    return {
      ok: false,
      error: `${expression.source}: expected true or false, got ${JSON.stringify(result.value)}`,
    };
  }
  return { ok: true, matched: result.value };
}
