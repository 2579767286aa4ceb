import { createEmptyReport, derive, type Report, setCell } from '@nianbao/core';
import fc from 'fast-check';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { loadReport } from '../lib/io.js';
import { width } from '../lib/text.js';
import { fixture } from '../test-support/cli.js';
import { seedReport, tick } from '../test-support/reports.js';
import { Editor, wrapText } from './Editor.js';
import { findingsOf, handleKey, initialState, type Key } from './state.js';

const k = (input: string, extra: Partial<Key> = {}): Key => ({ input, ...extra });
const press = (s: ReturnType<typeof initialState>, ...keys: Key[]) =>
  keys.reduce((st, key) => handleKey(st, key).state, s);

const ARROW_DOWN = '\u001B[B';
const ARROW_RIGHT = '\u001B[C';
const TAB = '\t';
const ENTER = '\r';

function setup(size = { width: 80, height: 24 }, report: Report = seedReport()) {
  const saved: Report[] = [];
  let quit: { report: Report; saved: boolean } | undefined;
  const r = render(
    <Editor
      report={report}
      fileLabel="seed.json"
      width={size.width}
      height={size.height}
      color={false}
      save={(rep) => {
        saved.push(rep);
        return 'seed.json';
      }}
      editSections={(rep) => ({
        report: { ...rep, sections: { ...rep.sections, problems: '存在问题：无。' } },
      })}
      onQuit={(report, s) => {
        quit = { report, saved: s };
      }}
    />,
  );
  return { ...r, saved, quit: () => quit };
}

/** Poll the last frame until it shows `want` (Ink renders asynchronously; machines can be slow). */
async function frameHas(lastFrame: () => string | undefined, want: string | RegExp): Promise<void> {
  const until = Date.now() + 5000;
  for (;;) {
    const f = lastFrame() ?? '';
    if (typeof want === 'string' ? f.includes(want) : want.test(f)) return;
    if (Date.now() > until) {
      expect(f).toContain(String(want));
      return;
    }
    await tick(10);
  }
}

async function type(stdin: { write(s: string): void }, ...keys: string[]) {
  await tick(); // Ink subscribes to input in an effect after the first render
  for (const k of keys) {
    stdin.write(k);
    await tick();
  }
}

describe('Editor', () => {
  it('shows 表三 of the seed with the cursor on the first cell and fits 80×24', () => {
    const { lastFrame } = setup();
    const frame = lastFrame()!;
    expect(frame).toContain('坑仔口镇人民政府 2020 年度（《格式（试行）》）');
    expect(frame).toContain('[表三]');
    expect(frame).toMatch(/\[\s*0\]/);
    expect(frame).toContain('一、本年新收');
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(23);
    expect(frame).toContain('错误 0');
  });

  it('computes the row total as digits are typed and flags the 勾稽 (T3-B) finding', async () => {
    const { stdin, lastFrame } = setup();
    await type(stdin, '7');
    await frameHas(lastFrame, /\[\s*7_\]/);
    // The row total follows while typing, before Enter.
    const row = lastFrame()!
      .split('\n')
      .find((l) => l.startsWith('一、本年新收'))!;
    expect(row.trimEnd()).toMatch(/7!$/);
    await type(stdin, ENTER);
    await frameHas(lastFrame, '错误 2');
    await frameHas(lastFrame, 'T3-B');
    await frameHas(lastFrame, '●未保存');
  });

  it('takes keys that arrive in one chunk (typed ahead or pasted)', async () => {
    const { stdin, lastFrame } = setup();
    await type(stdin, '42\r');
    await frameHas(lastFrame, '●未保存');
    await frameHas(lastFrame, '一、本年新收政府信息公开申请数量 · 自然人 = 42');
  });

  it('a key not valid for the cell is refused on the status line, never dropped into another number', async () => {
    const { stdin, lastFrame } = setup();
    await type(stdin, '3', '.', '5');
    await frameHas(lastFrame, '不是非负整数');
    await type(stdin, ENTER);
    await frameHas(lastFrame, /\[\s*3\.5_\]/);
    await frameHas(lastFrame, '不是非负整数');
    expect(lastFrame()).not.toContain('●未保存');
    expect(lastFrame()).not.toMatch(/\b35\b/);
  });

  it('moves with hjkl and arrows, skipping group rows', async () => {
    const { stdin, lastFrame } = setup();
    await type(stdin, 'j', 'j', 'l', ARROW_RIGHT);
    // Row 3 is （一）予以公开 (三、本年度办理结果 is a group caption), column 3 is 科研机构.
    await frameHas(lastFrame, '表三 （一）予以公开 · 科研机构 = 0');
    await type(stdin, ARROW_DOWN, 'k', 'h');
    await frameHas(lastFrame, '表三 （一）予以公开 · 商业企业 = 0');
  });

  it('switches tables with Tab', async () => {
    const { stdin, lastFrame } = setup();
    await type(stdin, TAB);
    await frameHas(lastFrame, '[表四]');
    await frameHas(lastFrame, '结果维持');
    await type(stdin, TAB);
    await frameHas(lastFrame, '[表二]');
    await frameHas(lastFrame, '第二十条第（一）项');
  });

  it('jumps from the findings pane to the cell and applies the suggested fix', async () => {
    const { stdin, lastFrame } = setup();
    await type(stdin, '3', ENTER, 'j', 'j');
    await frameHas(lastFrame, '（一）予以公开 · 自然人');
    await type(stdin, 'f');
    await frameHas(lastFrame, '›');
    await type(stdin, ENTER);
    // The first T3-B finding names 一、本年新收 · 自然人 first.
    await frameHas(lastFrame, '表三 一、本年新收政府信息公开申请数量 · 自然人 = 3');
    await type(stdin, 'j', 'j', '3', ENTER);
    await frameHas(lastFrame, '错误 0');
  });

  it('a on a T3-H finding in the findings pane applies the fix a on the cell applies (typo-2022)', async () => {
    const typo = (await loadReport(fixture('typo-2022.json'))).report;
    const { stdin, lastFrame } = setup({ width: 80, height: 24 }, typo);
    await type(stdin, 'f');
    await frameHas(lastFrame, /›错 T3-H/);
    await type(stdin, 'a');
    await frameHas(lastFrame, '已应用');
    await frameHas(lastFrame, '2 → 20');
    await frameHas(lastFrame, '错误 0');
  });

  it('saves with w and quits; asks twice when unsaved', async () => {
    const { stdin, lastFrame, saved, quit } = setup();
    await type(stdin, '4', ENTER, 'q');
    expect(quit()).toBeUndefined();
    await frameHas(lastFrame, '有未保存的修改');
    await type(stdin, 'w');
    await frameHas(lastFrame, '已保存：seed.json');
    expect(saved).toHaveLength(1);
    expect(saved[0]!.cells['applications.newReceived.naturalPerson']!.value).toBe(4);
    expect(saved[0]!.cells['applications.newReceived.total']!.value).toBe(4);
    await type(stdin, 'q');
    expect(quit()?.saved).toBe(true);
  });

  it('Ctrl-C with unsaved changes asks first, says 未保存的修改将丢失, and quits on a second Ctrl-C', async () => {
    const { stdin, lastFrame, saved, quit } = setup();
    await type(stdin, '9', ENTER, '4', '\u0003');
    expect(quit()).toBeUndefined();
    await frameHas(lastFrame, '未保存的修改将丢失');
    expect(lastFrame()).toContain('●未保存');
    await type(stdin, '\u0003');
    expect(quit()?.saved).toBe(false);
    expect(saved).toHaveLength(0);
  });

  it('Ctrl-C without changes quits at once; ? names Ctrl-C', async () => {
    const { stdin, lastFrame, quit } = setup({ width: 100, height: 30 });
    await type(stdin, '?');
    await frameHas(lastFrame, 'Ctrl-C');
    await type(stdin, ARROW_DOWN, '\u0003');
    expect(quit()?.saved).toBe(true);
  });

  it('the quit confirmation does not survive a trip to another screen (q, s, Esc, q does not quit)', async () => {
    const { stdin, lastFrame, quit } = setup();
    await type(stdin, '4', ENTER, 'q');
    await frameHas(lastFrame, '有未保存的修改');
    await type(stdin, 's');
    await frameHas(lastFrame, '申请总量');
    await type(stdin, '\u001B');
    await frameHas(lastFrame, '[表三]');
    await type(stdin, 'q');
    await frameHas(lastFrame, '有未保存的修改');
    expect(quit()).toBeUndefined();
  });

  it('clears a cell to blank (not zero), undoes, and recomputes totals with =', async () => {
    const { stdin, lastFrame } = setup();
    await type(stdin, 'x');
    await frameHas(lastFrame, '空白');
    await frameHas(lastFrame, /\[\s*·\]/);
    await type(stdin, 'u');
    await frameHas(lastFrame, /\[\s*0\]/);
  });

  it('edits sections through the injected editor and shows the summary screen', async () => {
    const { stdin, lastFrame } = setup();
    await type(stdin, 'e');
    await frameHas(lastFrame, '正文已更新');
    await type(stdin, 's');
    await frameHas(lastFrame, '申请总量');
    await frameHas(lastFrame, '分母为 0');
    await type(stdin, ' ');
    await frameHas(lastFrame, '[表三]');
  });

  it('the help screen (?) says once how to go back', async () => {
    const { stdin, lastFrame } = setup();
    await type(stdin, '?');
    await frameHas(lastFrame, '按键');
    expect(lastFrame()!.match(/返回表格/g)).toHaveLength(1);
    expect(lastFrame()).toMatch(/方向键 h j k l\s+移动/);
    await type(stdin, 'x');
    await frameHas(lastFrame, '[表三]');
  });

  it('uses a side pane for findings on wide terminals', async () => {
    const { lastFrame, stdin } = setup({ width: 160, height: 40 });
    await type(stdin, '9', ENTER);
    const line = lastFrame()!
      .split('\n')
      .find((l) => l.startsWith('一、本年新收'))!;
    expect(line).toContain('T3-B');
    expect(lastFrame()!.split('\n').length).toBeLessThanOrEqual(39);
  });

  it.each([
    [160, 50],
    [80, 24],
    [140, 30],
    [100, 30],
  ])(
    'the findings pane keeps the title on screen at %i×%i: no line wider than the terminal',
    async (w, h) => {
      const blank = createEmptyReport({ year: 2025, agency: '某某镇人民政府' });
      const typo = (await loadReport(fixture('typo-2022.json'))).report;
      for (const report of [blank, typo, seedReport()]) {
        const { stdin, lastFrame, unmount } = setup({ width: w, height: h }, report);
        await type(stdin, 'f', 'j', 'j');
        await frameHas(lastFrame, 'Esc/f 返回表格');
        const lines = lastFrame()!.split('\n');
        expect(lines[0]).toContain(' nianbao ');
        expect(lines.length).toBeLessThan(h);
        for (const l of lines) expect(width(l), l).toBeLessThanOrEqual(w);
        unmount();
      }
    },
  );

  it('Enter then ↓ (or Enter twice) leaves the cell as it was: no silent blank', async () => {
    const { stdin, lastFrame } = setup();
    await type(stdin, '12', ENTER);
    await frameHas(lastFrame, '一、本年新收政府信息公开申请数量 · 自然人 = 12');
    await type(stdin, ENTER, ARROW_DOWN, 'k');
    await frameHas(lastFrame, '一、本年新收政府信息公开申请数量 · 自然人 = 12');
    await type(stdin, ENTER, ENTER);
    await frameHas(lastFrame, '一、本年新收政府信息公开申请数量 · 自然人 = 12');
    expect(lastFrame()).not.toContain('= 空白');
  });

  it('a row pasted from a spreadsheet fills the cells to the right, a column the cells below', async () => {
    const { stdin, lastFrame } = setup();
    await type(stdin, '12\t34\t56');
    await frameHas(lastFrame, '已粘贴 1 行');
    const row = lastFrame()!
      .split('\n')
      .find((l) => l.startsWith('一、本年新收'))!;
    expect(row).toMatch(/12\]?\s+34!?\s+56/);
    expect(lastFrame()).not.toContain('123456');
    await type(stdin, 'u', 'j', '7\n8\n');
    await frameHas(lastFrame, '已粘贴 2 行');
    await type(stdin, 'j');
    await frameHas(lastFrame, '（一）予以公开 · 自然人 = 8');
    await type(stdin, 'k');
    await frameHas(lastFrame, '二、上年结转政府信息公开申请数量 · 自然人 = 7');
  });
});

describe('Editor: a block pasted with its row labels (read by core, as the web form reads it)', () => {
  const flat = (t: string) => t.replace(/\s+/g, '');
  const rowOf = (frame: string, start: string) => frame.split('\n').find((l) => l.startsWith(start)) ?? '';

  it('lands on the rows it names, not the cursor row; the status line says how many cells and which rows were not recognised', async () => {
    const { stdin, lastFrame } = setup();
    await type(stdin, 'j', 'j');
    await frameHas(lastFrame, '（一）予以公开 · 自然人 = 0');
    await type(
      stdin,
      '四、结转下年度继续办理\t2\t0\t0\t0\t0\t0\t2\r\n二、上年结转政府信息公开申请数量\t1\t2\t0\t0\t0\t0\t3\r\n本年新收（网上申请）\t9\t9\r\n',
    );
    await frameHas(lastFrame, '已按行标题粘贴');
    const frame = lastFrame()!;
    expect(flat(frame)).toContain(flat('已按行标题粘贴 2 行：覆盖 14 个单元格'));
    expect(flat(frame)).toContain(flat('1 行未识别、未粘贴：「本年新收（网上申请）」'));
    expect(rowOf(frame, '二、上年结转')).toMatch(/\s1!?\s+2!?\s+0/);
    // the cursor's row is left alone, nothing shifted a column, no 9 anywhere
    expect(rowOf(frame, '（一）予以公开')).toMatch(/\[\s*0\]/);
    expect(rowOf(frame, '一、本年新收')).not.toMatch(/[1-9]/);
    // one u undoes the whole paste
    await type(stdin, 'u');
    await frameHas(lastFrame, '已撤销');
    expect(rowOf(lastFrame()!, '二、上年结转')).not.toMatch(/[1-9]/);
  });

  it('a refused value keeps the old one and the status line says why', async () => {
    const { stdin, lastFrame } = setup();
    await type(stdin, '5\r', 'k');
    await frameHas(lastFrame, '一、本年新收政府信息公开申请数量 · 自然人 = 5');
    await type(stdin, '①\t7');
    await frameHas(lastFrame, '未填入');
    expect(flat(lastFrame()!)).toContain(flat('1 个值未填入、原值不变：第 1 行第 1 列“①”中的“①”是带圈数字'));
    expect(rowOf(lastFrame()!, '一、本年新收')).toMatch(/\[\s*5\]\s+7/);
  });
});

describe('Editor: big numbers whole, and sideways scroll on a narrow terminal', () => {
  const big = () => {
    let r = seedReport();
    r = setCell(r, 'applications.newReceived.naturalPerson', 1_234_567);
    r = setCell(r, 'applications.newReceived.otherOrg', 456_789);
    return derive(r).report;
  };
  const rowOf = (frame: string, start: string) => frame.split('\n').find((l) => l.startsWith(start)) ?? '';

  it('at 80×24 a seven-digit number in 表三 shows whole, never 1234…', async () => {
    const { lastFrame } = setup({ width: 80, height: 24 }, big());
    const row = rowOf(lastFrame()!, '一、本年新收');
    expect(row).toMatch(/\[1234567\]/);
    expect(row).toContain('456789');
    expect(row).toContain('1691356');
    // the label may be cut (the status line has it whole), never a number
    expect(row.slice(row.indexOf('['))).not.toContain('…');
  });

  it('at 60×24 the grid scrolls sideways: the focused column is always on screen, and the status line has the full value', async () => {
    const { stdin, lastFrame } = setup({ width: 60, height: 24 }, big());
    expect(rowOf(lastFrame()!, '申请人')).toContain('2列>');
    expect(rowOf(lastFrame()!, '申请人')).not.toContain('总计');
    for (let i = 0; i < 6; i++) await type(stdin, 'l');
    await frameHas(lastFrame, '<2列');
    const frame = lastFrame()!;
    expect(rowOf(frame, '申请人')).toContain('总计');
    expect(rowOf(frame, '一、本年新收')).toMatch(/\[1691356\]/);
    // the value whole on the status line, the label giving way
    expect(frame).toMatch(/= 1691356（按各项之和计算）/);
    for (const line of frame.split('\n')) expect(width(line)).toBeLessThanOrEqual(60);
    for (let i = 0; i < 6; i++) await type(stdin, 'h');
    await frameHas(lastFrame, /\[1234567\]/);
    expect(rowOf(lastFrame()!, '申请人')).toContain('自然人');
  });
});

describe('Editor at 80×24: help, summary and a finding in full; save-as, next finding, search, undo said', () => {
  function open(report: Report = seedReport(), size = { width: 80, height: 24 }) {
    const savedAs: string[] = [];
    const r = render(
      <Editor
        report={report}
        fileLabel="seed.json"
        width={size.width}
        height={size.height}
        color={false}
        save={() => 'seed.json'}
        saveAs={(_rep, name) => {
          savedAs.push(name);
          return name;
        }}
        editSections={() => ({})}
        onQuit={() => {}}
      />,
    );
    return { ...r, savedAs };
  }
  const flat = (t: string) => t.replace(/\s+/g, '');

  it('help: every key on its own line, nothing cut, scrolled to its end', async () => {
    const { stdin, lastFrame } = open();
    await type(stdin, '?');
    await frameHas(lastFrame, '按键');
    for (const l of lastFrame()!.split('\n')) {
      expect(width(l), l).toBeLessThanOrEqual(80);
      expect(l.trimEnd(), l).not.toMatch(/…$/);
    }
    expect(lastFrame()!.split('\n').length).toBeLessThanOrEqual(24);
    await type(stdin, 'G');
    await frameHas(lastFrame, /\?\s+本帮助/);
    expect(flat(lastFrame()!)).toContain('.nianbao-unsaved.json');
    await type(stdin, 'x');
    await frameHas(lastFrame, '[表三]');
  });

  it('summary: scrolls to the 说明语句 at its end; a cut label keeps a gap before its value', async () => {
    const { stdin, lastFrame } = open();
    await type(stdin, 's');
    await frameHas(lastFrame, '申请总量');
    expect(lastFrame()).not.toContain('说明语句');
    await type(stdin, 'G');
    await frameHas(lastFrame, '说明语句');
    for (const l of lastFrame()!.split('\n')) expect(l).not.toMatch(/…—/);
  });

  it('i shows the finding on the cell in full, with its 改法 and the suggestion', async () => {
    const { stdin, lastFrame } = open();
    await type(stdin, '9', ENTER);
    await frameHas(lastFrame, 'T3-B');
    await type(stdin, 'i');
    await frameHas(lastFrame, '改法：');
    const s = press(initialState(seedReport()), k('9'), k('', { return: true }));
    const f = findingsOf(s).find(
      (x) => x.status === 'failed' && x.cells.includes('applications.newReceived.naturalPerson'),
    )!;
    expect(flat(lastFrame()!)).toContain(flat(f.message));
    expect(flat(lastFrame()!)).toContain(flat(f.hint));
    expect(lastFrame()).toContain('按 a 应用');
  });

  it('the key bar stays on the last line whether the cell has a finding or not', async () => {
    const { stdin, lastFrame } = open();
    await type(stdin, '9', ENTER);
    const rowOfBar = () =>
      lastFrame()!
        .split('\n')
        .findIndex((l) => l.includes('hjkl/方向键'));
    const rows = new Set<number>();
    for (const key of ['k', 'j', 'l', 'j', 'h', 'j']) {
      await type(stdin, key);
      await tick(30);
      rows.add(rowOfBar());
    }
    expect(rows.size).toBe(1);
    expect([...rows][0]).toBe(lastFrame()!.split('\n').length - 1);
  });

  it('W saves as a file named on the status line; n goes to the next finding; / finds a row; u says what it undid', async () => {
    const { stdin, lastFrame, savedAs } = open();
    await type(stdin, 'W');
    await frameHas(lastFrame, '另存为（文件名）：_');
    await type(stdin, 'c', 'o', 'p', 'y', '.json', ENTER);
    await frameHas(lastFrame, '已另存为：copy.json');
    expect(savedAs).toEqual(['copy.json']);
    await type(stdin, '5', ENTER, 'j', 'j', 'j', 'n');
    await frameHas(lastFrame, /第 \d+\/\d+ 个有问题的单元格/);
    await type(stdin, '/');
    await type(stdin, '不予公开', ENTER);
    await frameHas(lastFrame, '找到：（三）不予公开 1.');
    await type(stdin, 'u');
    await frameHas(lastFrame, '已撤销：表三 一、本年新收政府信息公开申请数量 · 自然人 5 → 0');
  });
});

describe('a computed total on screen (as in the web form)', () => {
  it('a digit typed into 总计 is refused on the status line; r asks for the new value, then the reason', async () => {
    const report = derive(setCell(seedReport(), 'applications.newReceived.naturalPerson', 36)).report;
    const { stdin, lastFrame } = setup({ width: 160, height: 50 }, report);
    // 自然人 … 总计: the seventh column
    await type(stdin, 'l', 'l', 'l', 'l', 'l', 'l');
    await frameHas(lastFrame, '总计 = 36（按各项之和计算） · r 手动改写');
    await type(stdin, '5', '0', ENTER);
    await frameHas(
      lastFrame,
      '合计由各项自动计算，不能直接输入；请改各项的数，或按 r 用“手动改写合计…”（须写明原因）',
    );
    expect(lastFrame()).toMatch(/\[\s*36\]/);
    await type(stdin, 'r');
    await frameHas(lastFrame, '手动改写合计 · 新值：_');
    await type(stdin, '5', '0', ENTER);
    await frameHas(lastFrame, '手动改写合计 · 改为 50 · 理由（必填）：_');
    await type(stdin, ENTER);
    await frameHas(lastFrame, '请填写改写理由');
    await type(stdin, '按', '台', '账', ENTER);
    await frameHas(lastFrame, '已手动改写合计：');
    expect(lastFrame()).toMatch(/\[\s*50\]/);
    await type(stdin, '?');
    await frameHas(lastFrame, '用 r 手动改写合计');
  });
});

describe('wrapText', () => {
  it('keeps every character, in order, each line within the width (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'B', '-', '.', ' ', '表', '（', '）', '，', '1') }),
        fc.integer({ min: 4, max: 40 }),
        (t, w) => {
          const lines = wrapText(t, w);
          expect(lines.join('')).toBe(t);
          for (const l of lines) expect(width(l)).toBeLessThanOrEqual(w);
        },
      ),
      { numRuns: 300 },
    );
  });
  it('breaks neither a Latin word nor before a closing bracket', () => {
    const lines = wrapText('输入中：确认并移到右边一格；否则切换表二、表三、表四（Shift-Tab 反向）', 56);
    expect(lines.join('\n')).toContain('Shift-Tab');
    expect(wrapText('条例第五十条第（四）项）', 16).every((l) => !l.startsWith('）'))).toBe(true);
  });
});
