import { parentPort, workerData } from 'node:worker_threads';
import { type Job, makeSampler, runBlock } from './run.js';

/** Worker thread of runJob: receives block numbers, returns each block's power sums. */
const job = workerData as Job;
const sampler = makeSampler(job);
const vector = new Float64Array(sampler.layout.size);
parentPort!.on('message', (block: number) => {
  const r = runBlock(job, sampler, block, vector);
  parentPort!.postMessage(r, [r.sums.buffer as ArrayBuffer]);
});
