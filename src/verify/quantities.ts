/**
 * The quantities a results row can hold (docs/validate.md, "The results file"). `values` are one
 * number per sampled network: K(x_i, x_j) for the NTK quantities, Sigma^(L)(x_i, x_j) for the
 * NNGP, f(x_i) for output_mean, the product f(x_i) f(x_j) for output_second_moment, and
 * dK(x_i, x_i)/lambda for the SGD update. `statistic` says what the row's number is of them.
 */
export const QUANTITIES = {
  ntk_mean: { statistic: 'mean', sampled: 'ntk', diagonalOnly: false, about: 'E[K(x_i, x_j)]' },
  nngp_mean: { statistic: 'mean', sampled: 'nngp', diagonalOnly: false, about: 'E[Sigma^(L)(x_i, x_j)]' },
  ntk_second_moment: { statistic: 'second_moment', sampled: 'ntk', diagonalOnly: false, about: 'E[K(x_i, x_j)^2]' },
  ntk_variance: { statistic: 'variance', sampled: 'ntk', diagonalOnly: false, about: 'Var[K(x_i, x_j)]' },
  ntk_moment_ratio: {
    statistic: 'ratio',
    sampled: 'ntk',
    diagonalOnly: false,
    about: 'E[K(x_i, x_j)^2] / E[K(x_i, x_j)]^2',
  },
  output_mean: { statistic: 'mean', sampled: 'output', diagonalOnly: true, about: 'E[f(x_i)]' },
  output_second_moment: {
    statistic: 'mean',
    sampled: 'output_product',
    diagonalOnly: false,
    about: 'E[f(x_i) f(x_j)]',
  },
  ntk_update_mean: {
    statistic: 'mean',
    sampled: 'update',
    diagonalOnly: true,
    about: 'E[dK(x_i, x_i)]/lambda, one SGD step on {x_i}',
  },
} as const;

export type QuantityName = keyof typeof QUANTITIES;
export const QUANTITY_NAMES = Object.keys(QUANTITIES) as QuantityName[];
