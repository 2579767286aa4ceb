import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { IngestOptions, IngestResult } from '@nianbao/ingest';

/**
 * Uploaded documents are read off the request thread: each import runs @nianbao/ingest in a worker
 * thread with a time limit and a memory ceiling. A crafted file — a Word document of tables nested
 * 200,000 deep (a few KB zipped), a PDF or text whose lines send a pattern into a long search —
 * took the importer minutes of CPU, and on the request thread no other request (a login, a save,
 * /healthz) was answered meanwhile. Now the worker is stopped when its time is up and the upload is
 * refused (IMPORT_FAILED, ingestCode INGEST_TIMEOUT / INGEST_OUT_OF_MEMORY); at most
 * `IMPORT_WORKERS` run at once (others wait their turn), so imports never take every CPU. Workers
 * are kept for the next import (the importer stays loaded).
 */

/** How long one document may take to read (default 60 s: the largest real reports read in a few). */
export const DEFAULT_IMPORT_TIMEOUT_MS = 60_000;
/** A worker's heap ceiling: a report's document needs far less. */
const MAX_HEAP_MB = 1024;
/** Imports read at once; the others wait. One CPU is left to answer requests. */
export const IMPORT_WORKERS = Math.max(1, Math.min(4, availableParallelism() - 1));

const ingestUrl = pathToFileURL(createRequire(import.meta.url).resolve('@nianbao/ingest')).href;

// An eval'd worker (CommonJS): no file of its own to find, whether run from dist or from src (tests).
// It loads the importer once and reads one document per message.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const loaded = import(workerData.url);
parentPort.on('message', ({ data, options }) =>
  loaded
    .then((m) => m.ingest(data, options))
    .then(
      (result) => parentPort.postMessage({ ok: true, result }),
      (e) => parentPort.postMessage({
        ok: false,
        error: {
          message: e && e.message ? String(e.message) : String(e),
          code: e && typeof e.code === 'string' ? e.code : undefined,
          details: e && e.details && typeof e.details === 'object' ? JSON.parse(JSON.stringify(e.details)) : undefined,
        },
      }),
    ),
);
`;

/**
 * Workers waiting for the next document, the importer loaded (starting one and loading it costs
 * ~0.5 s). A worker stopped for its time or memory is not kept. Unref'd: an idle worker does not
 * keep the process alive.
 */
const idle: Worker[] = [];

function newWorker(): Worker {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { url: ingestUrl },
    resourceLimits: { maxOldGenerationSizeMb: MAX_HEAP_MB },
  });
  worker.unref();
  return worker;
}

/** An error of the importer (or of its worker), with the importer's code. */
export class IngestFailure extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

let running = 0;
const waiting: (() => void)[] = [];

async function slot(): Promise<() => void> {
  if (running >= IMPORT_WORKERS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

/**
 * `ingest(data, options)` in a worker thread: its result, or an `IngestFailure` — the importer's
 * own error (code and message as it gave them), or INGEST_TIMEOUT when the time is up (the worker
 * is stopped), INGEST_OUT_OF_MEMORY past the heap ceiling.
 */
export async function ingestInWorker(
  data: string | Uint8Array,
  options: IngestOptions,
  timeoutMs: number = DEFAULT_IMPORT_TIMEOUT_MS,
): Promise<IngestResult> {
  const release = await slot();
  try {
    return await new Promise<IngestResult>((resolve, reject) => {
      const worker = idle.pop() ?? newWorker();
      let settled = false;
      const settle = (f: () => void, keep: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (keep && idle.length < IMPORT_WORKERS) idle.push(worker);
        else void worker.terminate();
        f();
      };
      const timer = setTimeout(
        () =>
          settle(
            () =>
              reject(
                new IngestFailure(
                  `文件读取超时（超过 ${Math.round(timeoutMs / 1000)} 秒），已停止读取：文件的结构异常复杂（如表格层层嵌套），不像一份年度报告。请在 Word 或 WPS 中打开，另存为 PDF 或 .docx 后再导入，或将报告全文复制为纯文本导入`,
                  'INGEST_TIMEOUT',
                  { timeoutSeconds: Math.round(timeoutMs / 1000) },
                ),
              ),
            false,
          ),
        timeoutMs,
      );
      const onMessage = (
        m:
          | { ok: true; result: IngestResult }
          | { ok: false; error: { message: string; code?: string; details?: Record<string, unknown> } },
      ) =>
        settle(
          () =>
            m.ok
              ? resolve(m.result)
              : reject(new IngestFailure(m.error.message, m.error.code, m.error.details)),
          true,
        );
      const onError = (e: Error & { code?: string }) =>
        settle(
          () =>
            reject(
              e.code === 'ERR_WORKER_OUT_OF_MEMORY'
                ? new IngestFailure(
                    '读取文件所需的内存过多，已停止读取：文件不像一份年度报告。请另存为 PDF 或 .docx 后再导入，或将报告全文复制为纯文本导入',
                    'INGEST_OUT_OF_MEMORY',
                  )
                : e,
            ),
          false,
        );
      const onExit = (code: number) =>
        settle(() => reject(new Error(`导入读取进程意外退出（退出码 ${code}）`)), false);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ data, options });
    });
  } finally {
    release();
  }
}
