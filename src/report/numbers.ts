/** How numbers read in tables: significant digits, mean with standard error, LaTeX scientific notation. */

/** Shortest decimal of v rounded to `digits` significant digits ("0.5", "1.23e-7"). */
export function sig(v: number, digits: number): string {
  if (v === 0) return '0';
  if (!Number.isFinite(v)) return String(v);
  return Number(v.toPrecision(digits)).toString();
}

/**
 * Significant digits of a mean that reach the second significant digit of its standard error, so
 * 0.40123456 +/- 0.0023 reads 0.4012 +/- 0.0023: more digits would be noise.
 */
export function meanDigits(mean: number, se: number): number {
  if (!(se > 0) || !Number.isFinite(se) || mean === 0 || !Number.isFinite(mean)) return 6;
  const d = Math.floor(Math.log10(Math.abs(mean))) - Math.floor(Math.log10(se)) + 2;
  return Math.min(17, Math.max(1, d));
}

/** Mean and standard error as plain text: "0.4012 +/- 0.0023". */
export function estimateText(mean: number, se: number, digits?: number): string {
  return `${sig(mean, digits ?? meanDigits(mean, se))} +/- ${sig(se, 2)}`;
}

/**
 * A number for LaTeX math mode: plain decimals from 10^-4 to 10^6, otherwise m \times 10^{e}
 * (Number.toString switches to "1e-7" forms that LaTeX would print verbatim).
 */
export function latexNumber(v: number, digits: number): string {
  if (Number.isNaN(v)) return '\\mathrm{NaN}';
  if (!Number.isFinite(v)) return v > 0 ? '\\infty' : '-\\infty';
  const text = sig(v, digits);
  const a = Math.abs(Number(text));
  if (a === 0 || (a >= 1e-4 && a < 1e6)) return text;
  const [mantissa, exponent] = Number(text).toExponential().split('e');
  const m = Number(Number(mantissa).toPrecision(digits)).toString();
  const e = Number(exponent);
  return m === '1' ? `10^{${e}}` : m === '-1' ? `-10^{${e}}` : `${m} \\times 10^{${e}}`;
}
