/// <reference lib="webworker" />
import { type Report, suggestFixes } from '@nianbao/core';

/** suggestFixes off the main thread, so typing never waits for it. */
self.onmessage = (e: MessageEvent<{ id: number; report: Report; limit: number; recent?: string[] }>) => {
  const { id, report, limit, recent } = e.data;
  let fixes: ReturnType<typeof suggestFixes> = [];
  try {
    fixes = suggestFixes(report, { limit, ...(recent ? { recent } : {}) });
  } catch {
    fixes = [];
  }
  (self as unknown as Worker).postMessage({ id, fixes });
};
