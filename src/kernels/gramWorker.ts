import { parentPort } from 'node:worker_threads';
import { fillRows, type GramTask, rowBlocks } from './gramCore.js';

/** Worker thread: fills its share of row blocks into the shared output matrices. */
parentPort!.on(
  'message',
  (msg: { task: GramTask; nngp: SharedArrayBuffer; ntk: SharedArrayBuffer; index: number; count: number }) => {
    const out = { nngp: new Float64Array(msg.nngp), ntk: new Float64Array(msg.ntk) };
    for (const [s, e] of rowBlocks(msg.task.rows, msg.index, msg.count)) {
      fillRows(msg.task, out, s, e);
      parentPort!.postMessage({ type: 'progress', rows: e - s });
    }
    parentPort!.postMessage({ type: 'done' });
  },
);
