import { BUG_NAMES, type CalibrationCase, rejectionRate, reluNet, sampledRow } from '../src/verify/calibration.js';
import { exactReference } from '../src/verify/exactReference.js';
import { networkJsonOf, type RowNetwork, rowNetwork } from '../src/verify/networkJson.js';
import { estimateOf, momentsOf, zTest } from '../src/verify/statistics.js';

/**
 * The validator's calibration and power (docs/validate.md, "Calibration"): false-alarm rate at
 * alpha = 0.01 over files drawn from the true model, and the share of files caught for each bug.
 * Usage: node dist/scripts/calibrate-validate.js [files per case] (default 1000). Fixed seeds.
 */

export const CASES: CalibrationCase[] = [
  {
    name: 'ntk_mean diagonal, depth 3 width 32 (exact reference)',
    spec: reluNet(3, 32),
    inputs: [[1, 0]],
    quantity: 'ntk_mean',
    entry: [0, 0],
    samples: 1000,
  },
  {
    name: 'ntk_mean diagonal, depth 8 width 16, heavy-tailed (exact reference)',
    spec: reluNet(8, 16),
    inputs: [[1, 0]],
    quantity: 'ntk_mean',
    entry: [0, 0],
    samples: 1000,
  },
  {
    name: 'ntk_mean off-diagonal, depth 3 width 32 (reference simulation)',
    spec: reluNet(3, 32),
    inputs: [
      [1, 0],
      [0.6, 0.8],
    ],
    quantity: 'ntk_mean',
    entry: [0, 1],
    samples: 1000,
  },
];

const files = Number(process.argv[2] ?? 1000);
const only = process.argv[3];
for (const [k, c] of CASES.entries()) {
  if (only === 'heavy-few') break;
  const t0 = performance.now();
  const r = await rejectionRate(c, files, 10_000 * (k + 1));
  console.log(
    `${c.name}: false alarms ${r.failed}/${r.files} = ${(100 * r.rate).toFixed(2)}%, not checkable ${r.notCheckable} (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
  );
  for (const bug of BUG_NAMES) {
    const p = await rejectionRate(c, Math.min(files, 200), 50_000 * (k + 1), { bug });
    console.log(`  power, ${bug}: ${p.failed}/${p.files} = ${(100 * p.rate).toFixed(1)}%`);
  }
}

// The heavy-tailed case with few networks: a plain z-test against the exact mean, and what validate does.
const few: CalibrationCase = { ...CASES[1], name: 'heavy-tailed, 30 networks', samples: 30 };
const exact = exactReference(
  few.quantity,
  rowNetwork(networkJsonOf(few.spec, 'gaussian')) as RowNetwork,
  few.inputs,
  [0, 0],
);
let plain = 0;
for (let k = 0; k < files; k++) {
  const row = sampledRow(few, 90_000 + k);
  const values = (row.measurement as { values: number[] }).values;
  if (zTest(estimateOf('mean', momentsOf(values)), exact!.value).p < 0.01) plain++;
}
const guarded = await rejectionRate(few, files, 90_000);
console.log(
  `${few.name}: plain z-test false alarms ${plain}/${files} = ${((100 * plain) / files).toFixed(2)}%; validate: ${guarded.failed} failed, ${guarded.notCheckable} not checkable`,
);
