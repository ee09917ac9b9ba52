import { cpus } from 'node:os';
import { benchGram } from './gram.js';
import { benchMonteCarlo } from './montecarlo.js';
import { benchSampler } from './sampler.js';
import { benchTerjek } from './terjek.js';
import { benchValidate } from './validate.js';

/** `npm run bench`: every benchmark, printed with the machine it ran on. Results go to docs/performance.md. */
const benches: [string, () => Promise<string[]>][] = [
  ['gram', benchGram],
  ['montecarlo', benchMonteCarlo],
  ['validate', benchValidate],
  ['sampler', benchSampler],
  ['terjek', benchTerjek],
];

const only = process.argv[2];
console.log(
  `machine: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ${new Date().toISOString()}`,
);
for (const [name, run] of benches) {
  if (only && name !== only) continue;
  for (const line of await run()) console.log(line);
}
