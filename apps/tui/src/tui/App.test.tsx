import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { loadReport } from '../lib/io.js';
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
  const open = async (file: string) =>
    render(
      <App
        start={{ kind: 'edit', loaded: await loadReport(file) }}
        color={false}
        size={{ width: 160, height: 40 }}
      />,
    );

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
});
