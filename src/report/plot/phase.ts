import type { TopLevelSpec } from 'vega-lite';
import { eocSigmaW2 } from '../../activation/constants.js';
import { type Activation, preset } from '../../activation/family.js';
import { phaseOf } from '../../kernels/phase.js';
import { Fraction } from '../../util/exact.js';
import type { Datum, Plot } from './model.js';
import { frame } from './style.js';

/** Grid of the (sigma_w^2, sigma_b^2) plane: 30 cells in sigma_w^2, 20 cells of 1/20 in sigma_b^2 up to 1. */
const W_CELLS = 30;
const B_STEP = new Fraction(1, 20);
const B_CELLS = 20;

/**
 * The phase diagram of one activation in the (sigma_w^2, sigma_b^2) plane (kernels/phase.ts, exact): each
 * grid cell's phase at its centre, shaded in the ordered phase by the fixed point q* = sigma_b^2/(1 - chi_1)
 * of the variance map; the edge of chaos chi_1 = sigma_w^2 A_2 = 1 is the vertical line sigma_w^2 = 1/A_2
 * (for phi = a s + b|s|, chi_1 does not depend on sigma_b^2 or q).
 */
export function phasePlot(activation: Activation = preset('relu')): Plot {
  const eoc = eocSigmaW2(activation);
  // sigma_w^2 up to 3, or further where the edge of chaos lies beyond 2, so both phases show.
  const wMax = Math.max(3, Math.ceil(1.5 * eoc.valueOf()));
  const W_STEP = new Fraction(wMax, W_CELLS);
  const data: Datum[] = [];
  for (let i = 0; i < W_CELLS; i++)
    for (let j = 0; j < B_CELLS; j++) {
      const w = W_STEP.mul(i).add(W_STEP.div(2));
      const b = B_STEP.mul(j).add(B_STEP.div(2));
      const p = phaseOf(activation, w, b);
      data.push({
        sigma_w2_low: W_STEP.mul(i).valueOf(),
        sigma_w2_high: W_STEP.mul(i + 1).valueOf(),
        sigma_b2_low: B_STEP.mul(j).valueOf(),
        sigma_b2_high: B_STEP.mul(j + 1).valueOf(),
        phase: p.phase,
        chi1: p.chi1,
        qstar: p.qstar,
      });
    }
  const name = activation.name;
  const title = `Phase diagram of ${name}`;
  const cell = {
    x: {
      field: 'sigma_w2_low',
      type: 'quantitative',
      title: 'weight variance σw²',
      scale: { domain: [0, wMax] as number[] },
    },
    x2: { field: 'x_end' },
    y: {
      field: 'sigma_b2_low',
      type: 'quantitative',
      title: 'bias variance σb²',
      scale: { domain: [0, 1] as number[] },
    },
    y2: { field: 'y_end' },
  } as const;
  // Each cell reaches 2% into its neighbours: abutting rectangles leave hairline seams where antialiasing
  // blends their edges with the background.
  const overlap = [
    { calculate: `datum.sigma_w2_high + ${W_STEP.valueOf() / 50}`, as: 'x_end' },
    { calculate: `datum.sigma_b2_high + ${B_STEP.valueOf() / 50}`, as: 'y_end' },
  ];
  const qstar = {
    field: 'qstar',
    type: 'quantitative',
    title: 'q* (ordered phase)',
    scale: { type: 'log', scheme: 'blues' },
    legend: { gradientLength: 160, format: '.2~g' },
  } as const;
  const spec: TopLevelSpec = {
    ...frame(title, [
      `edge of chaos χ₁ = σw² A₂ = 1 at σw² = ${eoc.toFraction()} for every σb²`,
      'ordered: variance → fixed point q* = σb²/(1 − χ₁)',
    ]),
    data: { values: data },
    layer: [
      {
        transform: [{ filter: "datum.phase === 'ordered'" }, ...overlap],
        mark: { type: 'rect', clip: true },
        encoding: { ...cell, color: qstar },
      },
      {
        transform: [{ filter: "datum.phase !== 'ordered'" }, ...overlap],
        mark: { type: 'rect', color: '#f2b8a2', clip: true },
        encoding: cell,
      },
      {
        data: { values: [{ eoc: eoc.valueOf(), label: 'edge of chaos', chaotic: 'chaotic' }] },
        layer: [
          {
            mark: { type: 'rule', color: '#b2182b', strokeWidth: 2 },
            encoding: { x: { field: 'eoc', type: 'quantitative' } },
          },
          {
            mark: { type: 'text', align: 'left', dx: 4, dy: -6, fontSize: 9, color: '#b2182b' },
            encoding: { x: { field: 'eoc', type: 'quantitative' }, y: { datum: 0.93 }, text: { field: 'label' } },
          },
          {
            mark: { type: 'text', align: 'left', dx: 4, fontSize: 9 },
            encoding: { x: { field: 'eoc', type: 'quantitative' }, y: { datum: 0.5 }, text: { field: 'chaotic' } },
          },
        ],
      },
    ],
  };
  return {
    name: 'phase',
    title,
    data,
    spec,
    provenance: {
      formulas: ['activation/a2', 'activation/eoc-sigma-w2'],
      convention:
        'canonical: chi_1 = sigma_w^2 A_2; q* = sigma_b^2/(1 - chi_1) in the ordered phase; cells at their centres',
    },
  };
}
