import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, nianbao, tempDir } from './test-support/cli.js';

/**
 * A published file of which not one number of the tables was read (tables-missing-2022.txt: the
 * sections of a real report, its tables not read; a text that is no report): `check` calls it
 * unusable (NO_NUMBERS, exit 2); summary, render and compare made a report of blank tables of it,
 * every indicator 「—」, with exit 0 — in a folder's roll-up every indicator of every report 「—」.
 */
const NONE = fixture('tables-missing-2022.txt');

describe('a published file with no number read is refused by summary, render and compare, as by check', () => {
  it('summary of the file alone: exit 2, said in 简体中文 (structured with --json), nothing on stdout', () => {
    const r = nianbao(['summary', NONE]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('没有读到任何数字');
    expect(r.stderr).toContain('无法生成摘要');
    expect(r.stderr).toContain('nianbao import');
    const j = nianbao(['summary', '--json', NONE]);
    expect(j.code).toBe(2);
    expect(JSON.parse(j.stdout).error).toMatchObject({ code: 'NO_NUMBERS', exitCode: 2 });
  });

  it('summary of a folder: not a roll-up of blanks over the other reports; the file named', () => {
    const dir = tempDir();
    copyFileSync(fixture('example-2022.json'), join(dir, 'a.json'));
    copyFileSync(fixture('other-agency-2022.json'), join(dir, 'b.json'));
    copyFileSync(NONE, join(dir, 'c.txt'));
    const r = nianbao(['summary', dir]);
    expect(r.stdout).not.toMatch(/本年新收申请\s+—/);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('c.txt：没有读到任何数字');
    expect(r.stderr).toContain('无法计入汇总');
    // the folder without it sums as before
    const ok = nianbao(['summary', '--json', join(dir, 'a.json'), join(dir, 'b.json')]);
    expect(ok.code).toBe(0);
    expect(
      JSON.parse(ok.stdout).summary.indicators.find((i: { key: string }) => i.key === 'newReceived').value,
    ).not.toBeNull();
  });

  it('render: exit 2, no file written; compare: exit 2', () => {
    const dir = tempDir();
    const out = join(dir, 'o.md');
    const r = nianbao(['render', NONE, '-f', 'md', '-o', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('无法输出');
    expect(existsSync(out)).toBe(false);
    const toStdout = nianbao(['render', NONE, '-f', 'md']);
    expect(toStdout.code).toBe(2);
    expect(toStdout.stdout).toBe('');
    const c = nianbao(['compare', '--json', fixture('example-2021.json'), NONE]);
    expect(c.code).toBe(2);
    expect(JSON.parse(c.stdout).error.code).toBe('NO_NUMBERS');
    expect(JSON.parse(c.stdout).error.message).toContain('无法对比');
  });

  it('a text that is no report (a spec in Chinese mentioning 信息公开): refused, not a 「（未识别机关）」 report', () => {
    const dir = tempDir();
    const file = join(dir, 'notes.txt');
    writeFileSync(
      file,
      '关于政府信息公开工作的学习笔记\n\n一、总体情况\n本周学习了条例。\n\n二、下一步\n继续学习。\n',
    );
    for (const args of [
      ['summary', file],
      ['render', file, '-f', 'md'],
    ]) {
      const r = nianbao(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout, args.join(' ')).not.toContain('未识别机关');
      expect(r.stderr, args.join(' ')).toContain('没有读到任何数字');
    }
  });

  it('a JSON report with every cell blank (nianbao new) is still rendered and summed', () => {
    const dir = tempDir();
    const file = join(dir, 'new.json');
    expect(nianbao(['new', '--year', '2024', '--agency', '甲县教育局', '-o', file]).code).toBe(0);
    expect(nianbao(['render', file, '-f', 'md']).code).toBe(0);
    expect(nianbao(['summary', file]).code).toBeLessThan(2);
  });
});
