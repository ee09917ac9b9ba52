import type { Cell } from '../model.js';

/** Exact rationals longer than this are shown as numbers in tables meant for a page. */
const MAX_EXACT_CHARS = 12;

/** "81/202" -> \frac{81}{202}, "-3" -> -3. */
function rationalLatex(exact: string): string {
  const [n, d] = exact.split('/');
  if (d === undefined) return n;
  return n.startsWith('-') ? `-\\frac{${n.slice(1)}}{${d}}` : `\\frac{${n}}{${d}}`;
}

/** An exact rational as an exact cell when it is short enough to read, otherwise its Float64 value. */
export function rationalCell(r: { readonly exact: string | null; readonly value: number }): Cell {
  if (r.exact === null || r.exact.length > MAX_EXACT_CHARS) return r.value;
  return { kind: 'exact', exact: r.exact, latex: rationalLatex(r.exact), value: r.value };
}
