import { serveTasks } from '../parallel/serve.js';
import { jobsHandler } from './run.js';

/** Worker thread of runJob and runJobs: answers (job, block) tasks with the block's power sums. */
serveTasks(jobsHandler);
