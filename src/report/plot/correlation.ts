import type { TopLevelSpec } from 'vega-lite';
import { oneMinusCosineAsymptotic } from '../../kernels/asymptotics.js';
import { terjekNtkSequence } from '../../kernels/eoc.js';
import type { Datum, Plot } from './model.js';
import { frame, logTicks } from './style.js';

export const CORRELATION_DELTAS = [1 / 8, 1 / 4, 1 / 2, 1];
export const CORRELATION_MAX_DEPTH = 1000;

/** Depths 1..max, about 12 a decade: enough for smooth lines on a log axis, few enough for a small SVG. */
export function logDepths(max: number): number[] {
  const out = new Set<number>();
  for (let k = 0; k <= 12 * Math.log10(max); k++) out.add(Math.round(10 ** (k / 12)));
  out.add(max);
  return [...out].filter((l) => l <= max).sort((a, b) => a - b);
}

/**
 * Correlation rho_l and squared cosine distance z_l = (1 - rho_l)/2 of two orthogonal unit inputs against
 * depth at the edge of chaos (z-form recursion, Terjek convention: l counts weight matrices), one curve per
 * Delta_phi, with the depth asymptote z_l ~ 9 pi^2/(16 Delta^2 l^2) dashed.
 */
export function correlationPlot(
  Deltas: readonly number[] = CORRELATION_DELTAS,
  maxDepth = CORRELATION_MAX_DEPTH,
): Plot {
  const depths = logDepths(maxDepth);
  const data: Datum[] = [];
  for (const Delta of Deltas) {
    const { z } = terjekNtkSequence(1 / 2, Delta, maxDepth);
    for (const l of depths) {
      // Drawn where it is below z_1 = 1/2 only: at small depth 9 pi^2/(16 Delta^2 l^2) leaves the distance's range.
      const asymptote = oneMinusCosineAsymptotic(Delta, l) / 2;
      data.push({
        Delta,
        depth: l,
        rho: 1 - 2 * z[l - 1],
        z: z[l - 1],
        z_asymptotic: asymptote <= 0.5 ? asymptote : null,
      });
    }
  }
  const title = 'Correlation propagation at the edge of chaos';
  const x = {
    field: 'depth',
    type: 'quantitative',
    title: 'depth ℓ',
    scale: { type: 'log' },
    axis: { values: logTicks(1, maxDepth, [1, 10]), format: '~g' },
  } as const;
  const color = { field: 'Delta', type: 'ordinal', title: 'Δφ', scale: { scheme: 'viridis' } } as const;
  const { width, height: _, ...shared } = frame(title, ['orthogonal inputs (ρ₁ = 0); dashed: zₗ ~ 9π²/(16Δ²ℓ²)']);
  const spec: TopLevelSpec = {
    ...shared,
    data: { values: data },
    vconcat: [
      {
        width,
        height: 100,
        mark: { type: 'line' },
        encoding: {
          x: { ...x, title: null },
          y: { field: 'rho', type: 'quantitative', title: 'correlation ρₗ', scale: { domain: [0, 1] } },
          color,
        },
      },
      {
        width,
        height: 120,
        layer: [
          {
            mark: { type: 'line' },
            encoding: {
              x,
              y: {
                field: 'z',
                type: 'quantitative',
                title: 'cosine distance zₗ',
                scale: { type: 'log' },
                axis: { values: logTicks(1e-6, 1, [1]), format: '.0e' },
              },
              color,
            },
          },
          {
            transform: [{ filter: 'datum.z_asymptotic !== null' }],
            mark: { type: 'line', strokeDash: [3, 3], strokeWidth: 1 },
            encoding: { x, y: { field: 'z_asymptotic', type: 'quantitative' }, color },
          },
        ],
      },
    ],
  };
  return {
    name: 'correlation',
    title,
    data,
    spec,
    provenance: {
      formulas: ['infinite-width/zeta', 'terjek/depth-asymptotic-distance'],
      convention:
        'terjek: edge of chaos (sigma_w^2 A_2 = 1), no biases, l counts weight matrices; z = (1 - rho)/2; only ' +
        'Delta_phi enters',
    },
  };
}
