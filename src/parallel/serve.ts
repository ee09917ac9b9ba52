import { parentPort, workerData } from 'node:worker_threads';
import type { HandlerFactory } from './pool.js';

/**
 * The worker-thread side of pool.ts: builds the handler from the pool's `init` and answers each
 * task message with its result. The listener is attached at once (messages that arrive while an
 * asynchronous factory is still loading wait for it, in order).
 */
export function serveTasks<Init, Task, Result>(factory: HandlerFactory<Init, Task, Result>): void {
  const port = parentPort!;
  const handler = Promise.resolve(factory(workerData as Init));
  port.on('message', async (task: Task) => {
    const h = await handler;
    const r = h.run(task);
    port.postMessage(r, h.transfer?.(r) ?? []);
  });
}
