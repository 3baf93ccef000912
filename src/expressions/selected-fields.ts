import { parse } from '@bufbuild/cel';
import type { Expr } from '@bufbuild/cel-spec/cel/expr/syntax_pb.js';

/**
 * Field names an expression reads directly off a free variable: `diagnostics.cpu.status` and
 * `diagnostics['cpu']` both give `cpu` for `diagnostics`. Lets the loader check that every
 * `diagnostics.<id>` and `params.<name>` names something that exists. Returns [] when the source
 * does not parse (compileExpression reports that).
 */
export function selectedFields(source: string, variable: string): string[] {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(source);
  } catch (error) {
    if (error instanceof Error) return [];
    throw error;
  }
  const found = new Set<string>();
  collect(parsed.expr, variable, false, found);
  return [...found];
}

function isVariable(expr: Expr | undefined, variable: string): boolean {
  return expr?.exprKind.case === 'identExpr' && expr.exprKind.value.name === variable;
}

function collect(expr: Expr | undefined, variable: string, shadowed: boolean, found: Set<string>): void {
  if (!expr) return;
  const recurse = (inner: Expr | undefined, innerShadowed = shadowed) =>
    collect(inner, variable, innerShadowed, found);
  const kind = expr.exprKind;
  switch (kind.case) {
    case 'selectExpr':
      if (!shadowed && isVariable(kind.value.operand, variable)) found.add(kind.value.field);
      else recurse(kind.value.operand);
      return;
    case 'callExpr': {
      const [operand, index] = kind.value.args;
      const key = index?.exprKind.case === 'constExpr' ? index.exprKind.value.constantKind : undefined;
      if (
        !shadowed &&
        kind.value.function === '_[_]' &&
        isVariable(operand, variable) &&
        key?.case === 'stringValue'
      ) {
        found.add(key.value);
        return;
      }
      recurse(kind.value.target);
      for (const arg of kind.value.args) recurse(arg);
      return;
    }
    case 'listExpr':
      for (const element of kind.value.elements) recurse(element);
      return;
    case 'structExpr':
      for (const entry of kind.value.entries) {
        if (entry.keyKind.case === 'mapKey') recurse(entry.keyKind.value);
        recurse(entry.value);
      }
      return;
    case 'comprehensionExpr': {
      const comprehension = kind.value;
      recurse(comprehension.iterRange);
      recurse(comprehension.accuInit);
      const inner =
        shadowed ||
        comprehension.iterVar === variable ||
        comprehension.iterVar2 === variable ||
        comprehension.accuVar === variable;
      recurse(comprehension.loopCondition, inner);
      recurse(comprehension.loopStep, inner);
      recurse(comprehension.result, inner);
      return;
    }
    case 'identExpr':
    case 'constExpr':
    case undefined:
      return;
    default:
      kind satisfies never;
  }
}
