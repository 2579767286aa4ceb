/** Worker thread of `nianbao check`: checks the files it is sent, returns the results. */
import { parentPort, workerData } from 'node:worker_threads';
import type { ValidationConfig } from '@nianbao/core';
import { checkFile, PreviousReports } from '../lib/checker.js';

const { config, previous } = workerData as { config?: ValidationConfig; previous?: string[] };
const prev = previous?.length ? await PreviousReports.load(previous) : undefined;
const port = parentPort!;
port.on('message', async (msg: { files: { i: number; file: string }[] } | 'stop') => {
  if (msg === 'stop') {
    port.close();
    return;
  }
  const results = [];
  for (const { i, file } of msg.files) results.push({ i, result: await checkFile(file, config, prev) });
  port.postMessage(results);
});
port.postMessage('ready');
