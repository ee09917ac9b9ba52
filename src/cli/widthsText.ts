/** Runs longer than this are written once with their count. */
const MIN_RUN = 5;

/**
 * Widths for a header line, comma-separated, with a run of more than four equal widths written
 * once with its count ("3,1024 (x63),1"): a network of depth 10^6 otherwise printed a header line of
 * megabytes. JSON output keeps the full list.
 */
export function widthsText(widths: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < widths.length; ) {
    let j = i;
    while (j < widths.length && widths[j] === widths[i]) j++;
    const run = j - i;
    if (run >= MIN_RUN) parts.push(`${widths[i]} (x${run})`);
    else for (let k = i; k < j; k++) parts.push(`${widths[k]}`);
    i = j;
  }
  return parts.join(',');
}
