import {
  EDITION_IDS,
  getEdition,
  parseReport,
  type Report,
  type ReportIssue,
  type ReportSchema,
} from '@nianbao/core';
import { z } from 'zod';

/** The most cells any edition's form has. */
const EDITION_MAX_CELLS = Math.max(...EDITION_IDS.map((e) => getEdition(e).cellIndex.size));
/**
 * More cells than this (twice any edition's form, leaving room for the out-of-format cells an
 * import of another layout keeps) is no report: refused before a single cell is parsed — 100,000
 * made-up cells took seconds of the server's time and answered an error of 14 MB.
 */
export const MAX_REPORT_CELLS = 2 * EDITION_MAX_CELLS;

/** The number of own keys of `cells`, counted up to just past the limit. */
function tooManyCells(value: unknown): number | null {
  const cells = (value as { cells?: unknown } | null | undefined)?.cells;
  if (!cells || typeof cells !== 'object') return null;
  let n = 0;
  for (const k in cells) if (Object.hasOwn(cells, k) && ++n > MAX_REPORT_CELLS) return n;
  return null;
}

/** What parsing a procedure's report changed (core's parse notes), by the parsed report. */
const notesOf = new WeakMap<Report, readonly ReportIssue[]>();

/**
 * The notes of a report parsed as procedure input: what core's parseReport changed and the answer
 * should say (a Word line break made a line break: LINE_BREAK_NORMALISED; a `raw` contradicting its
 * value dropped: RAW_DROPPED). Empty for any other report.
 */
export function inputNotes(report: Report): readonly ReportIssue[] {
  return notesOf.get(report) ?? [];
}

/**
 * A full report as procedure input, parsed by core's `parseReport`: its fast path checks the ~200
 * cells with a plain loop instead of one zod object each (the zod schema alone cost ~0.7 ms per
 * request), and anything doubtful goes through the full schema, whose problems come back as zod
 * issues in 简体中文 naming the cell (「表三 （一）予以公开 · 总计（数值）：…」).
 *
 * Typed as core's ReportSchema, so clients infer the same input type as before.
 */
export const ReportInput = z.unknown().transform((value, ctx) => {
  if (tooManyCells(value) !== null) {
    ctx.addIssue({
      code: 'custom',
      message: `单元格超过 ${MAX_REPORT_CELLS} 个（年报格式最多 ${EDITION_MAX_CELLS} 个），不是一份报告：请只发送报告格式中的单元格`,
      path: ['cells'],
      input: undefined,
    });
    return z.NEVER;
  }
  const r = parseReport(value);
  if (r.ok) {
    if (r.notes) notesOf.set(r.value, r.notes);
    return r.value;
  }
  for (const e of r.errors)
    ctx.addIssue({ code: 'custom', message: e.message, path: [...e.segments], input: value });
  return z.NEVER;
}) as unknown as typeof ReportSchema;
