import { fmt } from './options.js';

/** An exact rational for a text table: in full when short, otherwise its size (--json prints it in full). */
export function exactText(exact: string | null): string {
  if (exact === null) return '';
  return exact.length <= 40 ? exact : `(${exact.length}-character rational; see --json)`;
}

/** "3/4 = 0.75" for a table cell, or the value once when the exact form says the same ("1", not "1 = 1"). */
export function exactAndValue(exact: string, value: number, digits = 15): string {
  const v = fmt(value, digits);
  return exact === v ? v : `${exactText(exact)} = ${v}`;
}
