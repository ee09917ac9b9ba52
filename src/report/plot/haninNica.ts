import type { TopLevelSpec } from 'vega-lite';
import { ntkMean2 } from '../../finite-width/exactMoments.js';
import { floatField } from '../../finite-width/field.js';
import { haninNicaNet } from '../../finite-width/network.js';
import type { Datum, Plot } from './model.js';
import { frame, logTicks } from './style.js';

/** Light to dark with n, so the eye reads the collapse onto one curve in order. */
const BLUES = ['#9ecae1', '#4292c6', '#2171b5', '#08306b'];

export const HN_PLOT_WIDTHS = [8, 16, 32, 64];
/** beta runs up to this value: d - 1 = beta n hidden layers. */
export const HN_PLOT_MAX_BETA = 1.5;

/**
 * Hanin & Nica 2019, Theorem 1: E[K^2]/E[K]^2 is exp(5 beta) up to constants, beta = sum of 1/n_i over the
 * hidden layers. The exact ratio (their convention: ReLU, x = (1, 1), widths 2, n, ..., n, 1) against beta
 * for several n, beside exp(5 beta): curves of different n collapse onto one function of beta.
 */
export function haninNicaPlot(widths: readonly number[] = HN_PLOT_WIDTHS, maxBeta = HN_PLOT_MAX_BETA): Plot {
  const data: Datum[] = [];
  for (const n of widths) {
    for (let hidden = 1; hidden <= Math.floor(maxBeta * n); hidden++) {
      const net = haninNicaNet(floatField, [2, ...Array.from({ length: hidden }, () => n), 1], 2);
      // ReLU'(0) = 1/2 on an inactive layer (the canonical convention), as in the hanin-nica table.
      const { EK, EK2 } = ntkMean2(floatField, net, 'both', { deadLayers: 'canonical' });
      data.push({ series: `n = ${n}`, n, d: hidden + 1, beta: hidden / n, ratio: EK2 / (EK * EK) });
    }
  }
  const betas = [...new Set(data.map((p) => p.beta as number))].sort((a, b) => a - b);
  for (const beta of betas) data.push({ series: 'exp(5β)', n: null, d: null, beta, ratio: Math.exp(5 * beta) });
  const title = 'Hanin–Nica: exact NTK dispersion against β';
  const top = Math.max(...data.map((p) => p.ratio as number));
  const series = [...widths.map((n) => `n = ${n}`), 'exp(5β)'];
  const spec: TopLevelSpec = {
    ...frame(title, ['ReLU, widths 2, n, …, n, 1; Theorem 1: exp(5β) up to constants']),
    data: { values: data },
    mark: { type: 'line' },
    encoding: {
      x: { field: 'beta', type: 'quantitative', title: 'β = Σᵢ 1/nᵢ (hidden layers)' },
      y: {
        field: 'ratio',
        type: 'quantitative',
        title: 'E[K²] / E[K]²',
        scale: { type: 'log' },
        axis: { values: logTicks(1, top, [1, 10]), format: '~g' },
      },
      color: {
        field: 'series',
        type: 'nominal',
        title: null,
        scale: { domain: series, range: [...widths.map((_, i) => BLUES[i % BLUES.length]), 'black'] },
      },
      strokeDash: {
        field: 'series',
        type: 'nominal',
        scale: { domain: series, range: [...widths.map(() => [1, 0]), [4, 3]] },
      },
    },
  };
  return {
    name: 'hanin-nica',
    title,
    data,
    spec,
    provenance: {
      formulas: ['hanin-nica/second-moment', 'hanin-nica/thm1-bracket-hidden'],
      convention: "hanin-nica: widths 2, n, ..., n, 1, x = (1, 1), Gaussian weights, ReLU'(0) = 1/2",
    },
  };
}
