import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyBar, padEnd, padStart, table, truncate, truncateMiddle, width } from './text.js';

describe('terminal text width', () => {
  it('counts CJK and full-width punctuation as two columns', () => {
    expect(width('表三')).toBe(4);
    expect(width('（一）予以公开')).toBe(14);
    expect(width('abc')).toBe(3);
  });
  it('truncates and pads by columns', () => {
    expect(truncate('一、本年新收政府信息公开申请数量', 10)).toBe('一、本年…');
    expect(width(padEnd('自然人', 10))).toBe(10);
    expect(padStart('12', 5)).toBe('   12');
    expect(
      table(
        [
          ['机关', '年度'],
          ['某某镇人民政府', '2025'],
        ],
        ['l', 'r'],
      ).split('\n')[1],
    ).toBe('某某镇人民政府  2025');
  });
  it('cuts file names in the middle, keeping the end that tells them apart', () => {
    const a = truncateMiddle('reports/huaian-hongze-district-government-2023.pdf', 30);
    const b = truncateMiddle('reports/huaian-hongze-district-government-2024.pdf', 30);
    expect(width(a)).toBeLessThanOrEqual(30);
    expect(a).not.toBe(b);
    expect(a.endsWith('2023.pdf')).toBe(true);
    expect(a.startsWith('reports/')).toBe(true);
    expect(truncateMiddle('short.json', 30)).toBe('short.json');
    expect(
      width(truncateMiddle('淮安市洪泽区人民政府政府信息公开工作年度报告2023.txt', 20)),
    ).toBeLessThanOrEqual(20);
  });
});

describe('keyBar', () => {
  const hints = [
    { text: 'hjkl/方向键 移动' },
    { text: '数字 输入', drop: 2 },
    { text: 'f 问题' },
    { text: 'i 全文', drop: 5 },
    { text: 'w 保存', drop: 1 },
    { text: '? 帮助', first: true },
  ];
  it('all hints where they fit; else the highest drop goes first, the rest in order', () => {
    expect(keyBar(hints, 80)).toBe('hjkl/方向键 移动 · 数字 输入 · f 问题 · i 全文 · w 保存 · ? 帮助');
    expect(keyBar(hints, 56)).toBe('hjkl/方向键 移动 · 数字 输入 · f 问题 · w 保存 · ? 帮助');
    expect(keyBar(hints, 45)).toBe('hjkl/方向键 移动 · f 问题 · w 保存 · ? 帮助');
    expect(keyBar(hints, 38)).toBe('hjkl/方向键 移动 · f 问题 · ? 帮助');
    // narrower still: cut, 「? 帮助」 first
    expect(keyBar(hints, 20)).toBe('? 帮助 · hjkl/方向…');
  });
  it('for any hints and width: fits, keeps order, drops only droppable ones while cutting is not needed (fast-check)', () => {
    const hint = fc.record({
      text: fc.stringMatching(/^[a-z?] [一-龥]{1,6}$/),
      drop: fc.integer({ min: 0, max: 9 }),
      first: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(hint, { minLength: 1, maxLength: 14 }),
        fc.integer({ min: 0, max: 160 }),
        (hs, max) => {
          const bar = keyBar(hs, max);
          expect(width(bar)).toBeLessThanOrEqual(max);
          const must = hs.filter((h) => h.drop === 0);
          if (width(must.map((h) => h.text).join(' · ')) > max) {
            // cut: a hint marked first leads, as far as it fits
            const lead = hs.find((h) => h.first && h.drop === 0);
            if (lead && width(lead.text) < max) expect(bar.startsWith(lead.text)).toBe(true);
            return;
          }
          const shown = bar === '' ? [] : bar.split(' · ');
          // in their order, every undroppable one among them
          let at = 0;
          for (const t of shown) {
            at = hs.findIndex((h, i) => i >= at && h.text === t) + 1;
            expect(at).toBeGreaterThan(0);
          }
          for (const h of must) expect(shown).toContain(h.text);
          // the hints dropped are the most droppable: none dropped has a lower drop than one shown
          const shownDrops = hs.filter((h) => shown.includes(h.text)).map((h) => h.drop);
          for (const d of hs.filter((h) => !shown.includes(h.text)))
            expect(d.drop).toBeGreaterThanOrEqual(Math.max(0, ...shownDrops));
        },
      ),
      { numRuns: 500 },
    );
  });
});
