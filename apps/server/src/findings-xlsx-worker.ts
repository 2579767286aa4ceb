import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type CheckedReport, type FindingsListOptions, renderFindingsXlsx } from '@nianbao/render';
import { fail } from './errors.js';

/**
 * The 问题清单's Excel file written off the request thread. `@nianbao/render` builds the workbook
 * (exceljs) in one piece: for 2,500 reports with ~47,000 findings that held the event loop 8 s and
 * took 750 MB of its heap, every other request waiting. A list of more than `INLINE_MAX_ROWS`
 * findings is written in a worker thread of its own (the reports copied to it, the file's bytes
 * handed back; the worker ended with it), at most `XLSX_WORKERS` at once; a smaller one (a county's) in the event loop, where
 * it takes a fraction of a second. A worker that cannot start or dies otherwise than of memory is
 * no failure: the file is written in the event loop as before.
 */

/** Findings up to which the file is written in the event loop (a county's list: ~0.15 s at most). */
export const INLINE_MAX_ROWS = 500;
/** Lists written at once in workers (each may need the better part of a GB for a province's). */
const XLSX_WORKERS = 2;
/** A worker's heap ceiling: a province's 47,000 findings took 750 MB. */
const MAX_HEAP_MB = 3072;

const renderUrl = pathToFileURL(createRequire(import.meta.url).resolve('@nianbao/render')).href;

// An eval'd worker (CommonJS): no file of its own to find, whether run from dist or from src (tests).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const loaded = import(workerData.url);
parentPort.on('message', ({ reports, options }) =>
  loaded
    .then((m) => m.renderFindingsXlsx(reports, options))
    .then(
      (bytes) => {
        try {
          parentPort.postMessage({ ok: true, bytes }, [bytes.buffer]);
        } catch {
          parentPort.postMessage({ ok: true, bytes });
        }
      },
      (e) => parentPort.postMessage({ ok: false, message: e && e.message ? String(e.message) : String(e) }),
    ),
);
`;

let running = 0;
const waiting: (() => void)[] = [];

async function slot(): Promise<() => void> {
  if (running >= XLSX_WORKERS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

class WorkerLost extends Error {}

/** One list written by a worker: its bytes, or WorkerLost (else the list's own error). */
function inWorker(reports: readonly CheckedReport[], options: FindingsListOptions): Promise<Uint8Array> {
  return new Promise<Uint8Array>((resolve, reject) => {
    let worker: Worker;
    try {
      // A worker per list, ended with it: its heap (hundreds of MB for a province's) goes with it.
      worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { url: renderUrl },
        resourceLimits: { maxOldGenerationSizeMb: MAX_HEAP_MB },
      });
      worker.unref();
    } catch (e) {
      reject(new WorkerLost(String(e)));
      return;
    }
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      void worker.terminate();
      f();
    };
    const onMessage = (m: { ok: true; bytes: Uint8Array } | { ok: false; message: string }) =>
      settle(() => (m.ok ? resolve(new Uint8Array(m.bytes)) : reject(new Error(m.message))));
    const onError = (e: Error & { code?: string }) =>
      settle(() =>
        e.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? reject(e)
          : reject(new WorkerLost(e instanceof Error ? e.message : String(e))),
      );
    const onExit = (code: number) => settle(() => reject(new WorkerLost(`exit ${code}`)));
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage({ reports, options });
  });
}

/**
 * `renderFindingsXlsx(reports, options)`: in a worker when the list is longer than `inlineMaxRows`
 * findings, else (or when no worker can do it) in the event loop. A list past the worker's memory is
 * PAYLOAD_TOO_LARGE/FINDINGS_TOO_LARGE (export it by status, or as CSV).
 */
export async function findingsXlsx(
  reports: readonly CheckedReport[],
  options: FindingsListOptions,
  inlineMaxRows = INLINE_MAX_ROWS,
): Promise<Uint8Array> {
  const rows = reports.reduce((n, r) => n + (r.findings?.length ?? 0), 0);
  if (rows <= inlineMaxRows) return renderFindingsXlsx(reports, options);
  const release = await slot();
  try {
    return await inWorker(reports, options);
  } catch (e) {
    if (e instanceof WorkerLost) {
      console.error('[export/findings] 问题清单改在主线程生成：', e.message);
      return renderFindingsXlsx(reports, options);
    }
    if ((e as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY')
      fail(
        'PAYLOAD_TOO_LARGE',
        'FINDINGS_TOO_LARGE',
        `问题清单含 ${reports.length} 份报告的 ${rows} 条问题，超出生成 Excel 文件的内存上限：请按状态分批导出，或导出 CSV`,
        { reports: reports.length, findings: rows },
      );
    throw e;
  } finally {
    release();
  }
}
