import {
  cellDef,
  cellLabel,
  type EditionId,
  parseReport,
  type Report,
  unsafeNumberMessage,
  withoutRefusedChars,
} from '@nianbao/core';

/**
 * What reading a stored version changed so it can be shown, checked and exported: a version saved
 * by an earlier release, before core's parseReport refused it (a control character or a bidi
 * override in its text, a unit on a count cell, a number beyond ±(2^53 − 1)). `path` is the place
 * (`sections.overview`, `cells.<id>.unit`); `message` says in 简体中文 what was changed and what to do.
 */
export interface StoredRepair {
  readonly code: 'STORED_CHARS_REMOVED' | 'STORED_UNIT_DROPPED' | 'STORED_NUMBER_UNSAFE';
  readonly path: string;
  readonly pathLabel: string;
  readonly message: string;
}

/** What reading each stored report changed (by the report object read), for the answers to say. */
const repairsOf = new WeakMap<Report, readonly StoredRepair[]>();

/** What reading this stored report changed; empty when it was read as stored. */
export function storedRepairs(report: Report): readonly StoredRepair[] {
  return repairsOf.get(report) ?? [];
}

const SAVE_AGAIN = '保存一次即按现行规则存为新版本';

/**
 * A stored version's JSON as a report every reader can use. Versions are immutable and were checked
 * by the release that saved them; later releases refuse more in NEW input (parseReport), and a
 * version stored before must still open, check, compare and export — a published report that can
 * no longer be exported is a failure for the office that published it. So what today's rules
 * refuse is repaired on read, each change said (storedRepairs), never a number changed silently:
 * - control characters and bidi overrides in text are removed (they show as nothing or garbage, or
 *   reorder what is read);
 * - a unit on a count cell is not counted (the number stays);
 * - a number beyond ±(2^53 − 1) may have been rounded when it was read in: it is read as blank and
 *   the note gives the stored number, to check against the source.
 * A new save still goes through the strict rules. Content today's rules accept is returned as stored.
 */
export function readStoredReport(content: string): Report {
  const stored = JSON.parse(content) as Report;
  const parsed = parseReport(stored);
  if (parsed.ok) return stored;
  const repairs: StoredRepair[] = [];
  let cleaned: ReturnType<typeof withoutRefusedChars>;
  try {
    cleaned = withoutRefusedChars(stored);
  } catch {
    return stored; // not a report's shape at all: nothing to repair, readers say what they find
  }
  const { report, removed } = cleaned;
  for (const r of removed)
    repairs.push({
      code: 'STORED_CHARS_REMOVED',
      path: r.path,
      pathLabel: r.pathLabel,
      message: `${r.message.replace('（文件中带有', '（此前保存的版本中带有')}，现行规则不允许这类字符，读取时已删去：请核对这段文字，${SAVE_AGAIN}`,
    });
  const edition = report.meta?.edition as EditionId | undefined;
  for (const id in report.cells ?? {}) {
    const c = report.cells[id]!;
    const def = edition ? cellDef(edition, id) : undefined;
    const label = def ? cellLabel(id, edition) : `单元格 ${id}`;
    if (c.unit !== undefined && def && def.valueType !== 'money') {
      repairs.push({
        code: 'STORED_UNIT_DROPPED',
        path: `cells.${id}.unit`,
        pathLabel: `${label}（单位）`,
        message: `${label}：此格填的是件数（个数），此前保存时注明了单位「${c.unit}」，读取时不计这个单位，数值 ${c.value ?? '（空白）'} 不变：请核对，${SAVE_AGAIN}`,
      });
      delete c.unit;
    }
    if (typeof c.value === 'number' && unsafeNumberMessage(c.value)) {
      repairs.push({
        code: 'STORED_NUMBER_UNSAFE',
        path: `cells.${id}.value`,
        pathLabel: `${label}（数值）`,
        message: `${label}：此前保存的数值 ${c.value} 超出可精确保存的范围（绝对值不超过 ${Number.MAX_SAFE_INTEGER}），保存时可能已被取整，读取时按空白处理：请核对原文，重新填写这个数`,
      });
      c.value = null;
      // the printed text of a number no longer kept would contradict the blank
      delete c.raw;
    }
  }
  if (repairs.length) repairsOf.set(report, repairs);
  return report;
}
