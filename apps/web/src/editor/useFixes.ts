import { type FixSuggestion, type Report, suggestFixes } from '@nianbao/core';
import { useEffect, useRef, useState } from 'react';

const LIMIT = 6;

/**
 * core's suggestFixes for the working copy, computed in a worker a moment after typing pauses (in
 * place on the main thread where workers are missing, e.g. jsdom). Only a result for the current
 * report is returned: a suggestion always fits what is on screen.
 */
export function useFixes(
  report: Report,
  enabled: boolean,
): { fixes: readonly FixSuggestion[]; pending: boolean } {
  const [result, setResult] = useState<{ report: Report | null; fixes: readonly FixSuggestion[] }>({
    report: null,
    fixes: [],
  });
  const worker = useRef<Worker | null | undefined>(undefined);
  // The cells the user changed, most recent first (a fix there ranks first): what differs from the
  // report before, derived totals aside.
  const recent = useRef<{ report: Report | null; cells: string[] }>({ report: null, cells: [] });
  if (recent.current.report !== report) {
    const before = recent.current.report;
    if (before) {
      const changed = Object.keys(report.cells).filter(
        (id) => report.cells[id]?.origin !== 'derived' && report.cells[id]?.value !== before.cells[id]?.value,
      );
      if (changed.length && changed.length <= 3)
        recent.current.cells = [
          ...changed,
          ...recent.current.cells.filter((c) => !changed.includes(c)),
        ].slice(0, 5);
    }
    recent.current.report = report;
  }
  const seq = useRef(0);
  const pendingReport = useRef<Report | null>(null);

  useEffect(() => {
    if (typeof Worker === 'undefined') {
      worker.current = null;
      return;
    }
    try {
      const w = new Worker(new URL('./fixes.worker.ts', import.meta.url), { type: 'module' });
      w.onmessage = (e: MessageEvent<{ id: number; fixes: FixSuggestion[] }>) => {
        if (e.data.id === seq.current && pendingReport.current)
          setResult({ report: pendingReport.current, fixes: e.data.fixes });
      };
      worker.current = w;
      return () => {
        w.terminate();
        worker.current = undefined;
      };
    } catch {
      worker.current = null;
    }
  }, []);

  useEffect(() => {
    if (!enabled) return;
    const id = ++seq.current;
    pendingReport.current = report;
    const cells = recent.current.cells;
    const t = setTimeout(() => {
      const w = worker.current;
      if (w) w.postMessage({ id, report, limit: LIMIT, recent: cells });
      else setResult({ report, fixes: suggestFixes(report, { limit: LIMIT, recent: cells }) });
    }, 60);
    return () => clearTimeout(t);
  }, [report, enabled]);

  if (!enabled) return { fixes: [], pending: false };
  return result.report === report ? { fixes: result.fixes, pending: false } : { fixes: [], pending: true };
}
