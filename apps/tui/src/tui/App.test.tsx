import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { setCell } from '@nianbao/core';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { openForEditing } from '../lib/beside.js';
import { loadReport, reportJson } from '../lib/io.js';
import { installRecovery, recoveryPathFor, trackUnsaved, writeRecovery } from '../lib/recovery.js';
import { fixture, tempDir } from '../test-support/cli.js';
import { tick } from '../test-support/reports.js';
import { App } from './App.js';

describe('App', () => {
  it('runs the cross-year rules only against the same agency’s report of the year before', async () => {
    const previous = (await loadReport(fixture('example-2021.json'))).report;
    const open = async (name: string) =>
      render(
        <App
          start={{ kind: 'edit', loaded: await loadReport(fixture(name)) }}
          previous={previous}
          color={false}
          size={{ width: 160, height: 40 }}
          save={() => {}}
        />,
      ).lastFrame()!;
    expect(await open('example-2022.json')).toMatch(/跨年 [1-9]/);
    const other = await open('other-agency-2022.json');
    expect(other).toContain('跨年 0');
    expect(other).toContain('两份报告的机关不同');
  });
});

describe('App: saving never overwrites a file it did not load or write', () => {
  const frameHas = async (lastFrame: () => string | undefined, want: string) => {
    const until = Date.now() + 5000;
    while (!(lastFrame() ?? '').includes(want) && Date.now() < until) await tick(10);
    expect(lastFrame()).toContain(want);
  };
  const type = async (stdin: { write(s: string): void }, ...keys: string[]) => {
    await tick();
    for (const k of keys) {
      stdin.write(k);
      await tick();
    }
  };
  const open = async (file: string, size = { width: 160, height: 40 }) =>
    render(<App start={{ kind: 'edit', loaded: await loadReport(file) }} color={false} size={size} />);
  /** The frame's lines joined (narrow layout): a message over both status lines reads whole. */
  const joined = (frame: string | undefined) =>
    (frame ?? '')
      .split('\n')
      .map((l) => l.trimEnd())
      .join('');

  it('another report’s f03.json beside f03.txt is kept; w again saves as f03-2.json', async () => {
    const dir = tempDir();
    const other = readFileSync(fixture('example-2021.json'), 'utf8');
    writeFileSync(join(dir, 'f03.json'), other);
    copyFileSync(fixture('seed-2020.txt'), join(dir, 'f03.txt'));
    const { stdin, lastFrame, unmount } = await open(join(dir, 'f03.txt'));
    await type(stdin, '9', '\r', 'w');
    await frameHas(lastFrame, '没有覆盖');
    expect(lastFrame()).toContain('另一份报告');
    expect(readFileSync(join(dir, 'f03.json'), 'utf8')).toBe(other);
    await type(stdin, 'w');
    await frameHas(lastFrame, '已保存');
    expect(lastFrame()).toContain('f03-2.json');
    expect(readFileSync(join(dir, 'f03.json'), 'utf8')).toBe(other);
    const saved = JSON.parse(readFileSync(join(dir, 'f03-2.json'), 'utf8'));
    expect(saved.cells['applications.newReceived.naturalPerson'].value).toBe(9);
    // the file it wrote itself is saved again in place
    await type(stdin, '8', '\r', 'w');
    await frameHas(lastFrame, '已保存');
    expect(existsSync(join(dir, 'f03-3.json'))).toBe(false);
    unmount();
  });

  it('a JSON changed by someone else since it was opened is not overwritten; the one opened is', async () => {
    const dir = tempDir();
    const file = join(dir, 'r.json');
    copyFileSync(fixture('seed-2020.json'), file);
    const { stdin, lastFrame, unmount } = await open(file);
    await type(stdin, '9', '\r', 'w');
    await frameHas(lastFrame, '已保存');
    expect(JSON.parse(readFileSync(file, 'utf8')).cells['applications.newReceived.naturalPerson'].value).toBe(
      9,
    );
    writeFileSync(file, readFileSync(fixture('example-2021.json'), 'utf8'));
    await type(stdin, '7', '\r', 'w');
    await frameHas(lastFrame, '已被修改');
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(fixture('example-2021.json'), 'utf8'));
    unmount();
  });

  /** f.txt (the published seed) with its edits saved beside it as f.json: 新收 · 自然人 9. */
  const savedBeside = async () => {
    const dir = tempDir();
    copyFileSync(fixture('seed-2020.txt'), join(dir, 'f.txt'));
    const imported = (await loadReport(join(dir, 'f.txt'))).report;
    const edited = reportJson(setCell(imported, 'applications.newReceived.naturalPerson', 9));
    writeFileSync(join(dir, 'f.json'), edited);
    // saved after the text was published
    utimesSync(join(dir, 'f.txt'), new Date(2024, 0, 1), new Date(2024, 0, 1));
    return { dir, edited };
  };
  const cell = (frame: string | undefined) => /本年新收[^\n]*?\[\s*(\d+)\]/.exec(frame ?? '')?.[1];

  it('nianbao edit f.txt with its edits saved in f.json opens those edits and says so', async () => {
    const { dir, edited } = await savedBeside();
    const opened = await openForEditing(join(dir, 'f.txt'));
    expect(opened.loaded.file).toBe(join(dir, 'f.json'));
    expect(opened.notice).toBe(
      '已打开此前保存的修改：f.json（f.txt 的同一报告）；要重新导入 f.txt，先把 f.json 改名',
    );
    const { stdin, lastFrame, unmount } = render(
      <App start={{ kind: 'edit', ...opened }} color={false} size={{ width: 160, height: 40 }} />,
    );
    await frameHas(lastFrame, '已打开此前保存的修改：f.json');
    expect(cell(lastFrame())).toBe('9');
    // it is the file opened: w saves it in place, no question
    await type(stdin, '8', '\r', 'w');
    await frameHas(lastFrame, '已保存');
    expect(
      JSON.parse(readFileSync(join(dir, 'f.json'), 'utf8')).cells['applications.newReceived.naturalPerson']
        .value,
    ).toBe(8);
    expect(existsSync(join(dir, 'f-2.json'))).toBe(false);
    unmount();
    // a published text changed after the edits were saved: still the edits, and that said
    utimesSync(join(dir, 'f.txt'), new Date(), new Date(Date.now() + 60_000));
    expect((await openForEditing(join(dir, 'f.txt'))).notice).toContain('注意 f.txt 比它新');
    // another report's JSON beside it is no saved edit: the text is imported
    writeFileSync(join(dir, 'f.json'), readFileSync(fixture('example-2021.json')));
    const other = await openForEditing(join(dir, 'f.txt'));
    expect(other.loaded.file).toBe(join(dir, 'f.txt'));
    expect(other.notice).toBeUndefined();
    expect(edited).toContain('"value": 9');
  });

  it('Enter on f.txt in the folder view opens the edits saved in f.json too', async () => {
    const { dir } = await savedBeside();
    const { stdin, lastFrame, unmount } = render(
      <App
        start={{ kind: 'folder', dir, files: [join(dir, 'f.json'), join(dir, 'f.txt')] }}
        color={false}
        size={{ width: 160, height: 40 }}
      />,
    );
    // Once both are read they are one row (the edits, shown as coming from f.txt): Enter on it.
    // (Before, 'j' was pressed while the two rows were still apart, racing their merge.)
    await frameHas(lastFrame, 'f.txt（已存修改 .json）');
    expect(joined(lastFrame())).toContain('1 份报告');
    await type(stdin, '\r');
    await frameHas(lastFrame, '已打开此前保存的修改：f.json（f.txt 的同一报告）');
    expect(cell(lastFrame())).toBe('9');
    unmount();
  });

  it('w over the same report’s edits saved meanwhile asks first, says what is lost, and overwrites on a second w', async () => {
    const { dir, edited } = await savedBeside();
    renameSync(join(dir, 'f.json'), join(dir, 'away.json'));
    const { stdin, lastFrame, unmount } = await open(join(dir, 'f.txt'), { width: 120, height: 40 });
    // saved by another session while this one was open
    renameSync(join(dir, 'away.json'), join(dir, 'f.json'));
    await type(stdin, 'w');
    await frameHas(lastFrame, '没有覆盖 f.json');
    expect(joined(lastFrame())).toContain(
      '没有覆盖 f.json：它是同一报告（坑仔口镇人民政府 2020 年度）另行保存的修改。再按 w 覆盖，将丢失其中 1 个单元格的数字：表三 一、本年新收政府信息公开申请数量 · 自然人 9（此处 0）',
    );
    expect(joined(lastFrame())).not.toContain('另一份报告');
    expect(readFileSync(join(dir, 'f.json'), 'utf8')).toBe(edited);
    // a change in between: asked again (what is lost is said for what would be written)
    await type(stdin, '5', '\r', 'w');
    for (
      const until = Date.now() + 5000;
      !joined(lastFrame()).includes('自然人 9（此处 5）') && Date.now() < until;
    )
      await tick(10);
    expect(joined(lastFrame())).toContain(
      '再按 w 覆盖，将丢失其中 1 个单元格的数字：表三 一、本年新收政府信息公开申请数量 · 自然人 9（此处 5）',
    );
    expect(readFileSync(join(dir, 'f.json'), 'utf8')).toBe(edited);
    await type(stdin, 'w');
    await frameHas(lastFrame, '已保存');
    expect(
      JSON.parse(readFileSync(join(dir, 'f.json'), 'utf8')).cells['applications.newReceived.naturalPerson']
        .value,
    ).toBe(5);
    expect(existsSync(join(dir, 'f-2.json'))).toBe(false);
    unmount();
  });
});

describe('App: unsaved edits survive a dropped session; 另存为', () => {
  const frameHas = async (lastFrame: () => string | undefined, want: string) => {
    const until = Date.now() + 5000;
    while (!(lastFrame() ?? '').replace(/\s+/g, '').includes(want) && Date.now() < until) await tick(10);
    expect((lastFrame() ?? '').replace(/\s+/g, '')).toContain(want);
  };
  const type = async (stdin: { write(s: string): void }, ...keys: string[]) => {
    await tick();
    for (const k of keys) {
      stdin.write(k);
      await tick();
    }
  };

  it('SIGHUP / SIGTERM write the unsaved report beside the file, and the next start says where', async () => {
    const dir = tempDir();
    const file = join(dir, 'jiaoyu.json');
    copyFileSync(fixture('example-2022.json'), file);
    const { stdin, lastFrame, unmount } = render(
      <App
        start={{ kind: 'edit', loaded: await loadReport(file) }}
        color={false}
        size={{ width: 120, height: 40 }}
      />,
    );
    await type(stdin, 'x');
    await frameHas(lastFrame, '●未保存');
    const exits: number[] = [];
    const remove = installRecovery((code) => exits.push(code));
    try {
      process.emit('SIGHUP');
    } finally {
      remove();
    }
    expect(exits).toEqual([129]);
    const kept = recoveryPathFor(file);
    expect(kept).toBe(join(dir, '.jiaoyu.nianbao-unsaved.json'));
    const back = JSON.parse(readFileSync(kept, 'utf8'));
    // the edit (a cell blanked) is in the recovery file, not in the report's own file
    const differs = Object.keys(back.cells).filter(
      (id) => back.cells[id]?.value !== JSON.parse(readFileSync(file, 'utf8')).cells[id]?.value,
    );
    expect(differs.length).toBeGreaterThan(0);
    unmount();
    // the next start says where the edits are
    const again = render(
      <App
        start={{ kind: 'edit', loaded: await loadReport(file) }}
        color={false}
        size={{ width: 120, height: 40 }}
      />,
    );
    await frameHas(again.lastFrame, '发现上次意外退出时未保存的修改');
    again.unmount();
    // the terminal gone before the signal is handled (a write to it fails and the process ends):
    // the edits are written on the way out too
    rmSync(kept);
    const before = new Set(process.listeners('exit'));
    const off = installRecovery(() => {});
    const atExit = process.listeners('exit').find((l) => !before.has(l))!;
    off();
    trackUnsaved(file, { ...back, sections: { ...back.sections, other: '退出时' } });
    (atExit as () => void)();
    expect(JSON.parse(readFileSync(kept, 'utf8')).sections.other).toBe('退出时');
    // nothing unsaved: nothing written
    rmSync(kept);
    trackUnsaved(file, null);
    expect(writeRecovery()).toBeUndefined();
    expect(existsSync(kept)).toBe(false);
  });

  it('a kill -INT from outside writes them too (exit 130), and a recovery file is replaced whole, never rewritten in place', () => {
    const dir = tempDir();
    const file = join(dir, 'dongshan.json');
    copyFileSync(fixture('example-2022.json'), file);
    const report = JSON.parse(readFileSync(file, 'utf8'));
    const kept = recoveryPathFor(file);
    const exits: number[] = [];
    const remove = installRecovery((code) => exits.push(code));
    try {
      trackUnsaved(file, { ...report, sections: { ...report.sections, other: '第一次' } });
      process.emit('SIGINT');
      expect(exits).toEqual([130]);
      expect(JSON.parse(readFileSync(kept, 'utf8')).sections.other).toBe('第一次');
      // a later copy: a new file renamed over the old one (a reader, or a kill in the middle, sees
      // the old copy or the new one whole — never the old one cut short and half written)
      const before = statSync(kept).ino;
      trackUnsaved(file, { ...report, sections: { ...report.sections, other: '第二次' } });
      process.emit('SIGTERM');
      expect(exits).toEqual([130, 143]);
      expect(JSON.parse(readFileSync(kept, 'utf8')).sections.other).toBe('第二次');
      expect(statSync(kept).ino).not.toBe(before);
      // and no temporary file stays beside it
      expect(readdirSync(dir).sort()).toEqual(['.dongshan.nianbao-unsaved.json', 'dongshan.json']);
    } finally {
      remove();
      trackUnsaved(file, null);
    }
  });

  it('W saves as another file when the folder is gone; w then saves there', async () => {
    const dir = tempDir();
    const gone = join(dir, 'gone');
    mkdirSync(gone);
    const file = join(gone, 'g.json');
    copyFileSync(fixture('example-2022.json'), file);
    const { stdin, lastFrame, unmount } = render(
      <App
        start={{ kind: 'edit', loaded: await loadReport(file) }}
        color={false}
        size={{ width: 120, height: 40 }}
      />,
    );
    await type(stdin, '7', '\r');
    rmSync(gone, { recursive: true });
    await type(stdin, 'w');
    await frameHas(lastFrame, '保存失败');
    const target = join(dir, 'rescued.json');
    await type(stdin, 'W', target, '\r');
    await frameHas(lastFrame, '已另存为');
    expect(JSON.parse(readFileSync(target, 'utf8')).meta.year).toBe(2022);
    await type(stdin, '8', '\r', 'w');
    await frameHas(lastFrame, '已保存');
    expect(readFileSync(target, 'utf8')).toContain('8');
    // another existing file is overwritten only when named twice
    const other = join(dir, 'other.json');
    writeFileSync(other, '{}');
    await type(stdin, 'W', other, '\r');
    await frameHas(lastFrame, '已存在');
    expect(readFileSync(other, 'utf8')).toBe('{}');
    unmount();
  });
});
