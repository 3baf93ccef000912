import { parse } from '@bufbuild/cel';
import type { Expr } from '@bufbuild/cel-spec/cel/expr/syntax_pb.js';

export type ThresholdLevel = 'critical' | 'warning';

/** A horizontal line a chart can draw: the value at which the health condition flips. */
export interface Threshold {
  level: ThresholdLevel;
  value: number;
  /** `above` when the condition holds for values over the line (`value > 5`), `below` otherwise. */
  direction: 'above' | 'below';
  source: string;
}

const COMPARISONS: Record<string, { direction: 'above' | 'below'; flipped: 'above' | 'below' }> = {
  '_>_': { direction: 'above', flipped: 'below' },
  '_>=_': { direction: 'above', flipped: 'below' },
  '_<_': { direction: 'below', flipped: 'above' },
  '_<=_': { direction: 'below', flipped: 'above' },
};

function constantNumber(expr: Expr | undefined): number | undefined {
  if (expr?.exprKind.case !== 'constExpr') return undefined;
  const constant = expr.exprKind.value.constantKind;
  switch (constant.case) {
    case 'int64Value':
    case 'uint64Value':
      return Number(constant.value);
    case 'doubleValue':
      return constant.value;
    default:
      return undefined;
  }
}

const isValue = (expr: Expr | undefined) =>
  expr?.exprKind.case === 'identExpr' && expr.exprKind.value.name === 'value';

/**
 * The threshold of a simple health condition: `value > N`, `value >= N`, `value < N`, `N <= value`
 * (int or double). Anything else (fields, `&&`, functions) has no single line: undefined.
 */
export function parseThreshold(source: string, level: ThresholdLevel): Threshold | undefined {
  let expr: Expr | undefined;
  try {
    expr = parse(source).expr;
  } catch (error) {
    if (error instanceof Error) return undefined;
    throw error;
  }
  if (expr?.exprKind.case !== 'callExpr') return undefined;
  const call = expr.exprKind.value;
  const comparison = COMPARISONS[call.function];
  const [left, right] = call.args;
  if (!comparison || call.args.length !== 2) return undefined;
  if (isValue(left)) {
    const value = constantNumber(right);
    return value === undefined ? undefined : { level, value, direction: comparison.direction, source };
  }
  if (isValue(right)) {
    const value = constantNumber(left);
    return value === undefined ? undefined : { level, value, direction: comparison.flipped, source };
  }
  return undefined;
}

/** The thresholds of a check's critical and warning conditions that are simple comparisons. */
export function thresholdsOf(conditions: { critical?: string; warning?: string } | undefined): Threshold[] {
  const found: Threshold[] = [];
  for (const level of ['critical', 'warning'] as const) {
    const source = conditions?.[level];
    const threshold = source === undefined ? undefined : parseThreshold(source, level);
    if (threshold) found.push(threshold);
  }
  return found;
}
