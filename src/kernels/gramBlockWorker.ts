import { serveTasks } from '../parallel/serve.js';
import { gramBlockHandler } from './gramBlocks.js';

/** Worker thread of writeGramNpy: computes blocks of full Gram rows. */
serveTasks(gramBlockHandler);
