import Table from 'cli-table3';

/** A plain aligned text table (cli-table3 without borders), for terminal output. */
export function textTable(head: string[], rows: (string | number)[][]): string {
  const table = new Table({
    head,
    chars: { top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ' },
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
  for (const r of rows) table.push(r.map(String));
  return table.toString().split('\n').map((l) => l.trimEnd()).join('\n');
}
