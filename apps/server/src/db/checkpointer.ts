import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

/**
 * SQLite in WAL mode copies the log back into the database file (a checkpoint, with an fsync) every
 * 1000 pages, inside whichever commit crosses the line. better-sqlite3 is synchronous, so that
 * commit — and every request behind it on the event loop — waited for the disk: a save took ~350 µs
 * of wall time on the main thread instead of ~150 µs, with stalls of tens of milliseconds.
 *
 * Here a worker thread with its own connection runs PASSIVE checkpoints (they never block readers or
 * writers) a few times a second, and the main connection stops checkpointing by itself. Durability
 * does not change: a commit is in the WAL either way (synchronous=NORMAL), and SQLite replays the
 * WAL on open after a crash. If the worker cannot start or dies, the main connection goes back to
 * checkpointing itself.
 */
export interface Checkpointer {
  stop(): Promise<void>;
}

const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (e) { /* busy: the next round catches up */ }
}, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m === 'stop') { clearInterval(timer); try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} db.close(); parentPort.close(); }
});
`;

export function startCheckpointer(sqlite: SQLite.Database, file: string, intervalMs = 250): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const fallback = () => {
    try {
      if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
    } catch {
      // closing
    }
  };
  let worker: Worker;
  try {
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file, intervalMs } });
  } catch {
    return { stop: async () => {} };
  }
  sqlite.pragma('wal_autocheckpoint = 0');
  let stopping = false;
  let exited = false;
  const exit = new Promise<void>((res) =>
    worker.once('exit', () => {
      exited = true;
      if (!stopping) fallback();
      res();
    }),
  );
  worker.unref();
  worker.on('error', () => fallback());
  return {
    async stop() {
      if (stopping) return;
      stopping = true;
      if (exited) return fallback();
      worker.postMessage('stop');
      // A worker that does not finish within a second is stopped outright.
      const timer = setTimeout(() => void worker.terminate(), 1000);
      await exit;
      clearTimeout(timer);
      fallback();
    },
  };
}
