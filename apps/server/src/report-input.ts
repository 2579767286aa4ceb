import { parseReport, type ReportSchema } from '@nianbao/core';
import { z } from 'zod';

/**
 * A full report as procedure input, parsed by core's `parseReport`: its fast path checks the ~200
 * cells with a plain loop instead of one zod object each (the zod schema alone cost ~0.7 ms per
 * request), and anything doubtful goes through the full schema, whose problems come back as zod
 * issues in 简体中文 naming the cell (「表三 （一）予以公开 · 总计（数值）：…」).
 *
 * Typed as core's ReportSchema, so clients infer the same input type as before.
 */
export const ReportInput = z.unknown().transform((value, ctx) => {
  const r = parseReport(value);
  if (r.ok) return r.value;
  for (const e of r.errors)
    ctx.addIssue({ code: 'custom', message: e.message, path: [...e.segments], input: value });
  return z.NEVER;
}) as unknown as typeof ReportSchema;
