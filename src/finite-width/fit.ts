/**
 * Least-squares slope of log y against log x, with its standard error propagated from the
 * standard errors of the y (delta method, independent y: Var(log y_i) = (se_i/y_i)^2). The slope
 * is linear in the log y_i, slope = sum_i c_i log y_i with c_i = (u_i - mean u)/sum (u_j - mean u)^2,
 * u = log x, so its variance is sum_i c_i^2 Var(log y_i). Used for the measured rates of the
 * concentration experiment (error ~ m^slope, ~ l^slope).
 */
export interface LogLogSlope {
  readonly slope: number;
  /** 0 when no standard errors are given (a deterministic series such as a bound's shape). */
  readonly se: number;
  readonly points: number;
}

export function logLogSlope(x: readonly number[], y: readonly number[], se?: readonly number[]): LogLogSlope {
  const u = x.map(Math.log);
  const v = y.map(Math.log);
  const ubar = u.reduce((s, t) => s + t, 0) / u.length;
  const sxx = u.reduce((s, t) => s + (t - ubar) ** 2, 0);
  const c = u.map((t) => (t - ubar) / sxx);
  const slope = c.reduce((s, ci, i) => s + ci * v[i], 0);
  const variance = se ? c.reduce((s, ci, i) => s + (ci * se[i]) ** 2 / (y[i] * y[i]), 0) : 0;
  return { slope, se: Math.sqrt(variance), points: x.length };
}
