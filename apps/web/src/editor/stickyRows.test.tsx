import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exampleReport } from '@nianbao/core';
import { act, fireEvent } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { editorTestSetup, renderDraftEditor } from '../test-support/editor';
import { layoutStandIns } from '../test-support/layout';

// What keeps the head rows in view. CSS stickiness itself is the browser's (screenshots in the web
// README's notes); here: the structure and the measured offsets the stylesheet places them by.
//  - a phone's table box: a sticky row sticks within the box it scrolls in, never to the page — the page
//    scrolled past the box's top took 表三's head rows off the screen; useStickyBars sets --page-past on
//    the box (how far the page is past its top, below the cell bar) and the rows stick that much lower;
//  - 表二's block headings (第二十条第（一）项 and the column heads under it) stick below the head rows:
//    each block its own tbody, its heading rows marked, their heights measured, never over a focused cell.

editorTestSetup();

const css = readFileSync(join(import.meta.dirname, '..', 'styles.css'), 'utf8').replace(/\s+/g, ' ');
const phone = css.slice(css.indexOf('/* Phones (390 px and so on)'));

const rect = (r: Partial<DOMRect>) => () => ({ top: 0, bottom: 0, left: 0, right: 390, ...r }) as DOMRect;
const frame = () => act(() => new Promise((ok) => setTimeout(ok, 5)));

describe('a phone: the page scrolled past a table box’s top keeps its head rows in view', () => {
  it('--page-past on each box that scrolls: how far the page is past its top below the cell bar; 0 in view and on a computer', async () => {
    const v = renderDraftEditor(exampleReport({ year: 2025 }));
    const bar = v.container.querySelector<HTMLElement>('.cell-bar')!;
    const wrapOf = (t: string) =>
      v.container.querySelector(`table.t-${t}`)!.closest<HTMLElement>('.table-wrap')!;
    const [t2, t3, t4] = [wrapOf('activeDisclosure'), wrapOf('applications'), wrapOf('reviewLitigation')];
    // as the phone's stylesheet makes them: boxes that scroll (a computer's are no scroll boxes)
    for (const w of [t2, t3, t4]) {
      w.style.overflowY = 'auto';
      Object.defineProperty(w, 'clientHeight', { value: 700, configurable: true });
    }
    bar.getBoundingClientRect = rect({ top: 0, bottom: 52 });
    t2.getBoundingClientRect = rect({ top: -900, bottom: -400 }); // scrolled past wholly: held at its end
    t3.getBoundingClientRect = rect({ top: -170, bottom: 590 }); // the page 222 px past 表三's top
    t4.getBoundingClientRect = rect({ top: 620, bottom: 760 }); // below: in place
    fireEvent.scroll(window);
    await frame();
    expect(t3.style.getPropertyValue('--page-past')).toBe('222px');
    expect(t2.style.getPropertyValue('--page-past')).toBe('699px');
    expect(t4.style.getPropertyValue('--page-past')).toBe('0px');
    // scrolled back up: in place again
    t3.getBoundingClientRect = rect({ top: 140, bottom: 900 });
    fireEvent.scroll(window);
    await frame();
    expect(t3.style.getPropertyValue('--page-past')).toBe('0px');
    // a computer: no scroll box (the rows stick to the page by themselves): never moved
    t3.style.overflowY = 'visible';
    t3.getBoundingClientRect = rect({ top: -170, bottom: 590 });
    fireEvent.scroll(window);
    await frame();
    expect(t3.style.getPropertyValue('--page-past')).toBe('0px');
  });

  it('the stylesheet places the head rows (and 表二’s block headings) by it, in the box only', () => {
    expect(phone).toContain('.editor table.official thead { top: var(--page-past, 0px); }');
    expect(phone).toContain(
      '.editor table.official tr.block-head { top: calc(var(--page-past, 0px) + var(--thead-h, 0px) + var(--block-push, 0px)); }',
    );
    expect(css.slice(0, css.indexOf('/* Phones (390 px and so on)'))).not.toContain('--page-past');
  });
});

describe('表二: each block’s heading stays in view below the head rows while its rows scroll by', () => {
  it('each block is its own tbody; its heading rows (the caption, the column heads) are marked; 表三 has none', () => {
    const v = renderDraftEditor(exampleReport({ year: 2025 }));
    const t2 = v.container.querySelector('table.t-activeDisclosure')!;
    const blocks = [...t2.querySelectorAll('tbody.block')];
    expect(blocks.map((b) => b.querySelector('tr.block-cap')?.textContent)).toEqual([
      '第二十条第（一）项',
      '第二十条第（五）项',
      '第二十条第（六）项',
      '第二十条第（八）项',
    ]);
    for (const b of blocks) {
      const rows = [...b.querySelectorAll(':scope > tr')];
      const head = rows.filter((r) => r.classList.contains('block-head'));
      // the caption and the column heads (信息内容 …), then the rows of numbers, none a heading
      expect(head).toEqual(rows.slice(0, 2));
      expect(head[1]!.textContent).toMatch(/^信息内容/);
      expect(head.some((r) => r.querySelector('input'))).toBe(false);
      expect(rows.slice(2).every((r) => r.querySelector('input.cell'))).toBe(true);
    }
    // the caption's words in a box of their own: on a phone they stay at the table box's left edge
    expect(
      blocks.map((b) => b.querySelector('tr.block-cap th.caption > span.caption-text')?.textContent),
    ).toEqual(blocks.map((b) => b.querySelector('tr.block-cap')?.textContent));
    expect(phone).toContain(
      'table.official th.caption .caption-text { position: sticky; left: 0.3rem; display: inline-block; }',
    );
    expect(phone).toContain(
      'table.official tr.block-head th.col-head:first-child { position: sticky; left: 0;',
    );
    // every 表二 cell is in a block
    expect(t2.querySelectorAll('input.cell').length).toBe(
      blocks.reduce((n, b) => n + b.querySelectorAll('input.cell').length, 0),
    );
    expect(
      v.container.querySelector('table.t-applications tbody.block, table.t-applications tr.block-head'),
    ).toBeNull();
  });

  it('2019 format: its five blocks the same way', () => {
    const r = exampleReport({ year: 2020 });
    expect(r.meta.edition).toBe('2019-trial');
    const v = renderDraftEditor(r);
    const caps = [...v.container.querySelectorAll('table.t-activeDisclosure tbody.block tr.block-cap')];
    expect(caps.map((c) => c.textContent)).toEqual([
      '第二十条第（一）项',
      '第二十条第（五）项',
      '第二十条第（六）项',
      '第二十条第（八）项',
      '第二十条第（九）项',
    ]);
  });

  it('the heights are measured on each block: the caption row’s (the column heads stick below it) and the whole heading’s (a focused cell is scrolled below it)', () => {
    const height = vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockImplementation(function (
      this: HTMLElement,
    ) {
      if (this.classList.contains('block-cap')) return 24;
      return this.classList.contains('block-head') ? 26 : 0;
    });
    try {
      const v = renderDraftEditor(exampleReport({ year: 2025 }));
      const blocks = v.container.querySelectorAll<HTMLElement>('tbody.block');
      expect(blocks).toHaveLength(4);
      for (const b of blocks) {
        expect(b.style.getPropertyValue('--block-cap-h')).toBe('24px');
        expect(b.style.getPropertyValue('--block-head-h')).toBe('50px');
      }
    } finally {
      height.mockRestore();
    }
  });

  it('the stylesheet: the heading rows sticky below the bars and the head rows, the column heads below the caption; a cell’s scroll margin counts them', () => {
    expect(css).toContain(
      '.editor table.official tr.block-head { position: sticky; top: calc(var(--bar-h, 96px) + var(--cell-bar-h, 2.6rem) + var(--thead-h, 0px) + var(--block-push, 0px)); z-index: 2; }',
    );
    expect(css).toContain(
      '.editor table.official tr.block-head + tr.block-head { top: calc( var(--bar-h, 96px) + var(--cell-bar-h, 2.6rem) + var(--thead-h, 0px) + var(--block-cap-h, 0px) + var(--block-push, 0px) ); }',
    );
    expect(css).toContain('var(--thead-h, 0px) + var(--block-head-h, 0px) + 0.25rem );');
    expect(phone).toContain(
      'scroll-margin-top: calc(var(--thead-h, 0px) + var(--block-head-h, 0px) + 0.25rem);',
    );
    // printed: in place
    expect(css).toContain(
      '.editor table.official thead, .editor table.official tr.block-head { position: static; }',
    );
  });

  it('a heading leaves with its block’s last row: --block-push lifts it by as much as the block’s end is above the heading’s bottom', async () => {
    // (a sticky row is held within its table, not its tbody: without it the heading stayed under the next)
    const height = vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockImplementation(function (
      this: HTMLElement,
    ) {
      return this.classList.contains('block-head') ? 24 : 0;
    });
    try {
      const v = renderDraftEditor(exampleReport({ year: 2025 }));
      const bar = v.container.querySelector<HTMLElement>('.cell-bar')!;
      bar.getBoundingClientRect = rect({ top: 84, bottom: 116 });
      const [first, second] = [
        ...v.container.querySelectorAll<HTMLElement>('table.t-activeDisclosure tbody.block'),
      ];
      // 第二十条第（一）项's block ends 130 px down: its heading (48 px) sticking at 116 would reach 164
      first!.getBoundingClientRect = rect({ top: -20, bottom: 130 });
      second!.getBoundingClientRect = rect({ top: 130, bottom: 203 });
      fireEvent.scroll(window);
      await frame();
      expect(first!.style.getPropertyValue('--block-push')).toBe('-34px');
      expect(second!.style.getPropertyValue('--block-push')).toBe('0px');
      // a phone: the same within the table's box, whose top is the page's or (scrolled past) the cell bar's
      const wrap = first!.closest<HTMLElement>('.table-wrap')!;
      wrap.style.overflowY = 'auto';
      wrap.getBoundingClientRect = rect({ top: 150, bottom: 700 });
      first!.getBoundingClientRect = rect({ top: 150, bottom: 180 });
      fireEvent.scroll(wrap);
      await frame();
      expect(first!.style.getPropertyValue('--block-push')).toBe('-18px');
    } finally {
      height.mockRestore();
    }
    expect(css).toContain('var(--thead-h, 0px) + var(--block-push, 0px)); z-index: 2; }');
    expect(phone).toContain(
      '.editor table.official tr.block-head { top: calc(var(--page-past, 0px) + var(--thead-h, 0px) + var(--block-push, 0px)); }',
    );
  });

  it('a focused cell under its block’s heading (the bars grew) is brought out from under it', () => {
    const { scrolled, grown, restore } = layoutStandIns();
    try {
      const v = renderDraftEditor(exampleReport({ year: 2025 }));
      const cell = v.container.querySelector<HTMLInputElement>(
        'input[name="activeDisclosure.coercion.decisions"]',
      )!;
      act(() => cell.focus());
      const bar = v.container.querySelector<HTMLElement>('.cell-bar')!;
      bar.getBoundingClientRect = rect({ top: 100, bottom: 140 });
      cell.getBoundingClientRect = rect({ top: 170, bottom: 194 });
      const heads = [...cell.closest('tbody')!.querySelectorAll<HTMLElement>('tr.block-head')];
      heads[0]!.getBoundingClientRect = rect({ top: 140, bottom: 164 });
      heads[1]!.getBoundingClientRect = rect({ top: 164, bottom: 168 });
      scrolled.length = 0;
      grown();
      expect(scrolled).toEqual([]); // below the heading: left be
      heads[1]!.getBoundingClientRect = rect({ top: 164, bottom: 188 });
      grown();
      expect(scrolled).toContain(cell); // under it: brought out
    } finally {
      restore();
    }
  });
});
