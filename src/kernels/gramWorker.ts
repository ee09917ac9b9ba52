import { serveTasks } from '../parallel/serve.js';
import { gramRowsHandler } from './gramRows.js';

/** Worker thread of gramMatricesParallel: fills row blocks into the shared output matrices. */
serveTasks(gramRowsHandler);
