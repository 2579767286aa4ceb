/**
 * What a roll-up's export says beside its tables: the cells not summed (and from which agencies,
 * printed blank told from never read) and core's notes (units converted, unit unknown). The roll-up
 * page says the same on screen; a Word, HTML, Markdown or Excel file of the roll-up says it too, so
 * a blank cell in the file is never left unexplained. No Node APIs.
 */
import { type AggregateResult, cellLabel, missingText } from '@nianbao/core';

/** At most this many cell names per agency; the rest are counted. */
const MAX_CELLS = 12;

function cellList(labels: readonly string[]): string {
  const shown = labels.slice(0, MAX_CELLS).join('、');
  return labels.length > MAX_CELLS
    ? `${shown}等 ${labels.length} 个单元格`
    : `${shown}（${labels.length} 个单元格）`;
}

/**
 * The roll-up's notes as paragraphs (简体中文), empty when every cell was summed and there is
 * nothing to say: first 「有 N 个单元格未汇总、留空（不按 0 计）…」, then per agency the cells it left
 * blank and those its report lacks (not read from the published document: not a blank), then core's
 * notes.
 */
export function rollupNotes(result: Pick<AggregateResult, 'report' | 'missing' | 'notes'>): string[] {
  const edition = result.report.meta.edition;
  const out: string[] = [];
  const summary = missingText(result.missing);
  if (summary) out.push(`汇总说明：${summary}。`);
  const blank = new Map<string, string[]>();
  const unread = new Map<string, string[]>();
  const add = (m: Map<string, string[]>, agency: string, label: string) => {
    const list = m.get(agency);
    if (list) list.push(label);
    else m.set(agency, [label]);
  };
  for (const m of result.missing) {
    const label = cellLabel(m.cell, edition);
    const lacked = new Set(m.unread ?? []);
    for (const a of m.agencies) add(lacked.has(a) ? unread : blank, a, label);
  }
  for (const [agency, labels] of blank)
    out.push(`${agency}的报告留空（未填写），以下单元格因此未汇总：${cellList(labels)}。`);
  for (const [agency, labels] of unread)
    out.push(
      `${agency}的报告中未读到（导入时未能读出，不是空白），以下单元格因此未汇总：${cellList(labels)}。`,
    );
  for (const n of result.notes) out.push(`${n}。`.replace(/。。$/, '。'));
  return out;
}
