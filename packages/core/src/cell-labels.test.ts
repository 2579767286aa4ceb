import { describe, expect, it } from 'vitest';
import { cellLabel, EDITION_IDS, getEdition } from './index.js';

describe('cell labels', () => {
  it('a numbered 表三 row is named with its group: 「1.」 recurs in four groups', () => {
    expect(cellLabel('applications.denied_stateSecret.naturalPerson', '2021')).toBe(
      '表三 （三）不予公开 1.属于国家秘密 · 自然人',
    );
    expect(cellLabel('applications.other_other.total', '2021')).toBe('表三 （六）其他处理 3.其他 · 总计');
    // rows directly under 三、本年度办理结果 and the top rows keep their own label
    expect(cellLabel('applications.granted.naturalPerson', '2021')).toBe('表三 （一）予以公开 · 自然人');
    expect(cellLabel('applications.newReceived.total', '2021')).toBe(
      '表三 一、本年新收政府信息公开申请数量 · 总计',
    );
  });

  it('in every edition, every cell label is its own and names the group of a grouped row', () => {
    for (const id of EDITION_IDS) {
      const edition = getEdition(id);
      const labels = edition.cells.map((c) => c.label);
      expect(new Set(labels).size).toBe(labels.length);
      const rows = edition.tables.applications.rows;
      const byKey = new Map(rows.map((r) => [r.key, r]));
      for (const cell of edition.cells.filter((c) => c.table === 'applications')) {
        const row = byKey.get(cell.row)!;
        const group = row.parent === undefined ? undefined : byKey.get(row.parent);
        if (group?.parent !== undefined) expect(cell.label).toContain(`${group.label} ${row.label} · `);
        else expect(cell.label).toBe(`表三 ${row.label} · ${cell.columnLabel}`);
      }
    }
  });
});
