/** An exact rational for a text table: in full when short, otherwise its size (--json prints it in full). */
export function exactText(exact: string | null): string {
  if (exact === null) return '';
  return exact.length <= 40 ? exact : `(${exact.length}-character rational; see --json)`;
}
