import { type CellId, cellLabel, type Report, SECTION_KEYS, type SectionKey } from '@nianbao/core';

export const SECTION_TITLES: Record<SectionKey | 'preamble', string> = {
  preamble: '前言',
  overview: '一、总体情况',
  activeDisclosure: '二、主动公开政府信息情况',
  applications: '三、收到和处理政府信息公开申请情况',
  reviewLitigation: '四、政府信息公开行政复议、行政诉讼情况',
  problems: '五、存在的主要问题及改进情况',
  other: '六、其他需要报告的事项',
};

/** One place where my edit and the other edit may differ. */
export interface MergeItem {
  readonly key: string;
  readonly kind: 'cell' | 'text';
  readonly label: string;
  readonly base: string;
  readonly mine: string;
  readonly theirs: string;
  /** Both changed it differently: the user must choose. */
  readonly conflict: boolean;
  /** The side taken unless the user chooses. */
  readonly proposed: 'mine' | 'theirs';
}

const cellText = (r: Report, id: CellId) => {
  const c = r.cells[id];
  if (!c) return '（无此单元格）';
  return c.value === null ? '（空白）' : String(c.value);
};
const sameCell = (a: Report, b: Report, id: CellId) => {
  const x = a.cells[id];
  const y = b.cells[id];
  return (x?.value ?? null) === (y?.value ?? null) && x?.unit === y?.unit;
};
type TextKey = SectionKey | 'preamble';
const text = (r: Report, k: TextKey) => (k === 'preamble' ? (r.preamble ?? '') : (r.sections[k] ?? ''));

/**
 * Three-way comparison of the version my edit started from, my edit, and the version saved in
 * between: every place that differs, with a proposal (the side that changed it); where both changed
 * it differently it is a conflict for the user to decide. Nothing is dropped silently.
 */
export function mergeItems(base: Report, mine: Report, theirs: Report): MergeItem[] {
  const items: MergeItem[] = [];
  const ids = new Set([...Object.keys(mine.cells), ...Object.keys(theirs.cells)]);
  for (const id of ids) {
    if (sameCell(mine, theirs, id)) continue;
    const iChanged = !sameCell(base, mine, id);
    const theyChanged = !sameCell(base, theirs, id);
    items.push({
      key: `cell:${id}`,
      kind: 'cell',
      label: cellLabel(id, mine.meta.edition),
      base: cellText(base, id),
      mine: cellText(mine, id),
      theirs: cellText(theirs, id),
      conflict: iChanged && theyChanged,
      proposed: theyChanged && !iChanged ? 'theirs' : 'mine',
    });
  }
  for (const k of ['preamble', ...SECTION_KEYS] as TextKey[]) {
    const m = text(mine, k);
    const t = text(theirs, k);
    if (m === t) continue;
    const b = text(base, k);
    const iChanged = m !== b;
    const theyChanged = t !== b;
    items.push({
      key: `text:${k}`,
      kind: 'text',
      label: SECTION_TITLES[k],
      base: b,
      mine: m,
      theirs: t,
      conflict: iChanged && theyChanged,
      proposed: theyChanged && !iChanged ? 'theirs' : 'mine',
    });
  }
  return items;
}

/** The merged report: my edit with, for each item, the chosen side. */
export function applyMerge(
  mine: Report,
  theirs: Report,
  choices: Readonly<Record<string, 'mine' | 'theirs'>>,
  items: readonly MergeItem[],
): Report {
  const cells = { ...mine.cells };
  const sections = { ...mine.sections };
  let preamble = mine.preamble;
  for (const it of items) {
    const side = choices[it.key] ?? it.proposed;
    if (side === 'mine') continue;
    if (it.kind === 'cell') {
      const id = it.key.slice(5);
      const c = theirs.cells[id];
      if (c) cells[id] = c;
      else delete cells[id];
    } else {
      const k = it.key.slice(5) as TextKey;
      if (k === 'preamble') preamble = theirs.preamble;
      else sections[k] = theirs.sections[k];
    }
  }
  const out: Report = { ...mine, cells, sections };
  if (preamble === undefined) delete (out as { preamble?: string }).preamble;
  else out.preamble = preamble;
  return out;
}
