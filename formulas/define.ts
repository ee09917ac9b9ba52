import { evaluateExact, evaluateFloat, statementLatex } from '../src/symbolic/closedForm.js';
import type { Formula } from './types.js';

type ClosedFormSpec = Omit<Formula, 'evaluate' | 'exact' | 'latex' | 'expression'> & {
  readonly expression: string;
  /** Left-hand side of the statement, e.g. "\\Delta_\\phi". */
  readonly lhs: string;
  /** Relation between the sides, "=" unless given: "\\le" for a bound, "\\approx" for an asymptotic form. */
  readonly relation?: string;
  /**
   * The library's function of the same expression (src/), or a numerically better one; tests check
   * it against the string.
   */
  readonly evaluate?: Formula['evaluate'];
};

/** A registry entry whose evaluator, exact evaluator and LaTeX all come from one expression. */
export function closedForm(spec: ClosedFormSpec): Formula {
  const { lhs, relation, expression, evaluate, ...rest } = spec;
  let latex: string | undefined;
  return {
    ...rest,
    expression,
    // Rendered on first read: rendering needs mathjs, which most commands never load (symbolic/lazy.ts).
    get latex() {
      latex ??= `${lhs} ${relation ?? '='} ${statementLatex(expression)}`;
      return latex;
    },
    evaluate: evaluate ?? ((values) => evaluateFloat(expression, values)),
    exact: (values) => evaluateExact(expression, values),
  };
}
