import { serveTasks } from '../parallel/serve.js';
import { blockHandler } from './run.js';

/** Worker thread of runJob: answers block numbers with the block's power sums. */
serveTasks(blockHandler);
