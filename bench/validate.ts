import { simulate } from '../src/montecarlo/simulation.js';
import { rowsOfDocument } from '../src/verify/resultsFile.js';
import { validateRows } from '../src/verify/validate.js';
import { reluBenchSpec } from './reluSpec.js';

/**
 * `npm run bench -- validate` (issue 10): a 50-row results file over five networks from width 64 and
 * depth 2 to width 1024 and depth 16 (ReLU with biases, two inputs, 400 networks per row), validated
 * with its reference simulations (4096 networks per network) on all cores. The file is made by
 * ntkcalc's own sampler before the clock starts; only validate is timed.
 */
const NETWORKS: [width: number, depth: number][] = [
  [64, 2],
  [128, 4],
  [256, 8],
  [512, 12],
  [1024, 16],
];

export async function benchValidate(): Promise<string[]> {
  const rows = [];
  for (const [k, [width, depth]] of NETWORKS.entries()) {
    const result = await simulate({
      spec: reluBenchSpec(depth, { hiddenWidth: width }),
      inputs: [
        [1, 0, 0.5],
        [0.6, 0.8, -0.2],
      ],
      seed: 100 + k,
      samples: 400,
    });
    rows.push(...rowsOfDocument(`width ${width} depth ${depth}`, JSON.parse(JSON.stringify(result))));
  }
  const file = rows.slice(0, 50);
  const t0 = performance.now();
  const rep = await validateRows(file, {
    alpha: 0.01,
    reference: 'auto',
    maxSeconds: 600,
    strict: false,
    referenceSeed: 2_026_001,
  });
  const seconds = (performance.now() - t0) / 1000;
  const { pass, fail, notCheckable } = rep.counts;
  return [
    `validate: ${file.length} rows (widths 64-1024, depths 2-16), ${rep.simulations.length} reference simulations ` +
      `(${rep.simulations.map((s) => `${s.samples} in ${s.seconds.toFixed(1)} s`).join(', ')}): ${seconds.toFixed(1)} s; ` +
      `${pass} passed, ${fail} failed, ${notCheckable} not checkable`,
  ];
}
