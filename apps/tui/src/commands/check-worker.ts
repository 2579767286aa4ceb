/** Worker thread of `nianbao check`: checks the batches of files it is sent, one after the other. */
import { parentPort, workerData } from 'node:worker_threads';
import type { ValidationConfig } from '@nianbao/core';
import { checkFile, PreviousReports } from '../lib/checker.js';

type Batch = { files: { i: number; file: string; found: boolean }[] };

const { config, previous } = workerData as { config?: ValidationConfig; previous?: string[] };
const prev = previous?.length ? await PreviousReports.load(previous) : undefined;
const port = parentPort!;
// Batches arrive while one is being checked (checkFile may wait for I/O): queued, never interleaved.
const queue: Batch[] = [];
let busy = false;
async function drain(): Promise<void> {
  busy = true;
  for (let batch = queue.shift(); batch; batch = queue.shift()) {
    const results = [];
    for (const { i, file, found } of batch.files)
      results.push({ i, result: await checkFile(file, config, prev, { found }) });
    port.postMessage(results);
  }
  busy = false;
}
port.on('message', (msg: Batch) => {
  queue.push(msg);
  if (!busy) void drain();
});
port.postMessage('ready');
