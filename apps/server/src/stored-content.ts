import {
  cellDef,
  cellLabel,
  type EditionId,
  getEdition,
  MAX_TEXT_CHARS,
  parseReport,
  type Report,
  unsafeNumberMessage,
  withoutRefusedChars,
} from '@nianbao/core';

/**
 * What reading a stored version changed so it can be shown, checked and exported: a version saved
 * by an earlier release, before core's parseReport refused it (a control character or a bidi
 * override in its text, a unit on a count cell, a number beyond ±(2^53 − 1)), or changed it (a raw
 * text contradicting its value, a Word line break). `path` is the place (`sections.overview`,
 * `cells.<id>.unit`); `message` says in 简体中文 what was changed and what to do.
 */
export interface StoredRepair {
  /**
   * STORED_CHARS_REMOVED, STORED_UNIT_DROPPED, STORED_NUMBER_UNSAFE, STORED_RAW_READ (a blank
   * count whose text is plainly a number read as it), STORED_TEXT_TOO_LONG (kept
   * whole; a file holds the first MAX_TEXT_CHARS characters: EXPORT_TEXT_CUT), or core's parse notes
   * (RAW_DROPPED, LINE_BREAK_NORMALISED).
   */
  readonly code: string;
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

const SAVE_AGAIN = '下次保存或更正时按现行规则存为新版本';

/** The texts with a length limit (core's MAX_TEXT_CHARS), as path and label. */
function limitedTexts(
  report: Report,
): { key: 'preamble' | keyof Report['sections']; path: string; label: string }[] {
  const out: { key: 'preamble' | keyof Report['sections']; path: string; label: string }[] = [];
  if (typeof report.preamble === 'string' && report.preamble.length > MAX_TEXT_CHARS)
    out.push({ key: 'preamble', path: 'preamble', label: '前言' });
  const edition = getEdition(report.meta.edition);
  for (const s of edition.sections) {
    const t = report.sections?.[s.key];
    if (typeof t === 'string' && t.length > MAX_TEXT_CHARS)
      out.push({ key: s.key, path: `sections.${s.key}`, label: s.title });
  }
  return out;
}

/** The repairs of a text too long for today's rules, kept whole on read (see withinTextLimits). */
function tooLong(report: Report): StoredRepair[] {
  return limitedTexts(report).map(({ key, path, label }) => {
    const n = (key === 'preamble' ? report.preamble! : report.sections[key]!).length;
    return {
      code: 'STORED_TEXT_TOO_LONG',
      path,
      pathLabel: label,
      message: `${label}：此前保存的文字有 ${n.toLocaleString('en-US')} 字，超过现行上限 ${MAX_TEXT_CHARS.toLocaleString('en-US')} 字（多为粘贴了整份文件或重复粘贴），读取时保留全文，导出的文件只含前 ${MAX_TEXT_CHARS.toLocaleString('en-US')} 字：请删去多余的文字，${SAVE_AGAIN}`,
    };
  });
}

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
 *   the note gives the stored number, to check against the source;
 * - a blank count cell whose stored text is plainly a whole number (「12件」) is read as it;
 * - a text longer than today's limit is kept whole and said (a file holds its first part:
 *   withinTextLimits);
 * - what parseReport changes in new input it changes here too, with its note (a raw text that
 *   plainly contradicts the value is dropped: RAW_DROPPED; a Word line break made a line break).
 * A new save still goes through the strict rules. Content today's rules take as it is is returned
 * as stored.
 */
export function readStoredReport(content: string): Report {
  const stored = JSON.parse(content) as Report;
  const first = parseReport(stored);
  if (first.ok && !first.notes) return stored;
  const repairs: StoredRepair[] = [];
  let report: Report;
  try {
    report = repaired(stored, repairs);
  } catch {
    return stored; // not a report's shape at all: nothing to repair, readers say what they find
  }
  const parsed = parseReport(report);
  if (parsed.ok) {
    report = parsed.value;
    for (const n of parsed.notes ?? [])
      repairs.push({ code: n.code, path: n.path, pathLabel: n.pathLabel, message: n.message });
  } else {
    // still refused: only a text longer than today's limit is expected here (kept whole, said)
    repairs.push(...tooLong(report));
  }
  if (repairs.length) repairsOf.set(report, repairs);
  return report;
}

/** Full-width digits and comma as ASCII. */
const ascii = (t: string) => t.replace(/[０-９，]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));

/** The whole number a count's text plainly is (「12」「12件」「1,234 人」), else undefined. */
function plainCount(raw: string): number | undefined {
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)\s*(?:件|个|项|次|人|份|条|家|户)?$/.exec(ascii(raw.trim()));
  if (!m) return undefined;
  const n = Number(m[1]!.replace(/,/g, ''));
  return Number.isSafeInteger(n) ? n : undefined;
}

/** A copy of `stored` without what today's rules refuse and cannot keep, each change in `repairs`. */
function repaired(stored: Report, repairs: StoredRepair[]): Report {
  const { report, removed } = withoutRefusedChars(stored);
  for (const r of removed)
    repairs.push({
      code: 'STORED_CHARS_REMOVED',
      path: r.path,
      pathLabel: r.pathLabel,
      message: `${r.message.replace('（文件中带有', '（此前保存的版本中带有')}，现行规则不允许这类字符，读取时已删去：请核对这段文字，${SAVE_AGAIN}`,
    });
  const edition = report.meta.edition as EditionId;
  for (const id in report.cells) {
    const c = report.cells[id]!;
    const def = cellDef(edition, id);
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
    // A count written as 「12件」 that a client stored as text beside a blank (the API took it
    // before b0e5365): read as the number written, said — not dropped as a contradiction, which
    // would leave the cell blank.
    const typed =
      c.value === null && c.raw !== undefined && def && def.valueType !== 'money'
        ? plainCount(c.raw)
        : undefined;
    if (typed !== undefined) {
      repairs.push({
        code: 'STORED_RAW_READ',
        path: `cells.${id}.value`,
        pathLabel: `${label}（数值）`,
        message: `${label}：此前保存时此格为空白、原文为「${c.raw}」，读取时按 ${typed} 计：请核对，${SAVE_AGAIN}`,
      });
      c.value = typed;
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
  return report;
}

/**
 * A stored report as a file can hold it: a text longer than today's limit (kept whole on read, see
 * readStoredReport) cut to its first MAX_TEXT_CHARS characters, each cut said (EXPORT_TEXT_CUT).
 * Anything else is returned as it is.
 */
export function withinTextLimits(report: Report): { report: Report; cuts: StoredRepair[] } {
  const long = limitedTexts(report);
  if (!long.length) return { report, cuts: [] };
  const copy = { ...report, sections: { ...report.sections } };
  const cuts: StoredRepair[] = [];
  for (const { key, path, label } of long) {
    const t = key === 'preamble' ? copy.preamble! : copy.sections[key]!;
    // never half a surrogate pair
    let end = MAX_TEXT_CHARS;
    const last = t.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end--;
    if (key === 'preamble') copy.preamble = t.slice(0, end);
    else copy.sections[key] = t.slice(0, end);
    cuts.push({
      code: 'EXPORT_TEXT_CUT',
      path,
      pathLabel: label,
      message: `${label}：文字有 ${t.length.toLocaleString('en-US')} 字，超过上限 ${MAX_TEXT_CHARS.toLocaleString('en-US')} 字，导出的文件只含前 ${end.toLocaleString('en-US')} 字：请删去多余的文字后重新导出`,
    });
  }
  return { report: copy, cuts };
}
