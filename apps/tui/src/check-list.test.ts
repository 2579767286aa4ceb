import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvRecords as records } from '@nianbao/render';
import { describe, expect, it } from 'vitest';
import { fixture, nianbao, tempDir, unzip } from './test-support/cli.js';

const TYPO = fixture('typo-2022.json');
const CLEAN = fixture('example-2021.json');
const BROKEN = fixture('broken.json');

describe('nianbao check -o 问题清单.xlsx / --format csv: the findings of the checked reports as one list', () => {
  it('CSV to standard output instead of the table: a row per error of each report, an unusable file said; exit code as check', () => {
    const plain = nianbao(['check', TYPO, CLEAN, BROKEN]);
    const r = nianbao(['check', TYPO, CLEAN, BROKEN, '--format', 'csv']);
    expect(r.code).toBe(plain.code);
    expect(r.code).toBe(2);
    expect(r.stdout.startsWith('no,source,agency,year,level,rule,')).toBe(true); // no BOM on a pipe
    const [header, ...rows] = records(r.stdout);
    const at = (row: string[], col: string) => row[header!.indexOf(col)]!;
    const typo = rows.filter((x) => at(x, 'source') === TYPO);
    // the table said 错误 2 for it: the same two errors, with the cells and what they should be
    expect(typo.map((x) => at(x, 'level'))).toEqual(['错误', '错误']);
    for (const x of typo) {
      expect(at(x, 'agency')).toBe('示例县交通运输局');
      expect(at(x, 'year')).toBe('2022');
      expect(at(x, 'cells')).toContain('表');
      expect(at(x, 'check')).toMatch(/^应为 \d+，实为 \d+$/);
    }
    expect(rows.filter((x) => at(x, 'source') === CLEAN)).toEqual([]);
    const broken = rows.find((x) => at(x, 'source') === BROKEN)!;
    expect(at(broken, 'level')).toBe('无法使用');
    expect(at(broken, 'message')).toContain('报告年度');
    expect(r.stdout).not.toContain('共 3 份');
  });

  it('-o FOLDER: said to be a folder (NOT_A_FILE) before anything is checked, not 「问题清单的格式（DIR）不支持」', () => {
    const dir = tempDir();
    const r = nianbao(['check', TYPO, '-o', dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`nianbao：无法写入 ${dir}：这是一个文件夹，请给出文件名\n`);
  });

  it('-o list.xlsx: the workbook (汇总, 问题清单) written, the table printed as usual, where it went said', () => {
    const dir = tempDir();
    const out = join(dir, '问题清单.xlsx');
    const r = nianbao(['check', TYPO, CLEAN, BROKEN, '-o', out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('共 3 份：无错误 1 份，有错误 1 份，无法使用 1 份');
    expect(r.stderr).toContain(`已输出问题清单（xlsx）：${out}（3 份报告，3 条）`);
    const parts = unzip(readFileSync(out));
    const book = parts.get('xl/workbook.xml')!;
    expect(book).toContain('name="汇总"');
    expect(book).toContain('name="问题清单"');
    const strings = parts.get('xl/sharedStrings.xml')!;
    for (const s of [
      '2021—2022 年度政府信息公开工作年度报告检查问题清单',
      '示例县交通运输局',
      '有错误',
      '无法使用',
      '共 3 份',
    ])
      expect(strings).toContain(s);
    // a CSV file gets a BOM (Excel reads its 简体中文)
    const csv = join(dir, 'list.csv');
    expect(nianbao(['check', TYPO, '-o', csv]).code).toBe(1);
    expect(readFileSync(csv, 'utf8').startsWith('\uFEFFno,')).toBe(true);
  });

  it('refused before anything is read: xlsx to the terminal, --json with a list, a format it cannot write, a mismatch, the list over a report', () => {
    const dir = tempDir();
    const cases: [string[], RegExp][] = [
      [['--format', 'xlsx'], /xlsx 是二进制格式，请用 -o 给出输出文件/],
      [['--json', '-o', join(dir, 'a.xlsx')], /--json 与 --format\/-o 只能选一个/],
      [['-o', join(dir, 'a.docx')], /问题清单的格式「docx」不支持：用 xlsx（Excel 表格）或 csv/],
      [
        ['--format', 'csv', '-o', join(dir, 'a.xlsx')],
        /--format csv 与输出文件 .*a\.xlsx 的扩展名（\.xlsx）不一致/,
      ],
      [['-o', TYPO], /问题清单的格式「json」不支持/],
    ];
    for (const [args, message] of cases) {
      const r = nianbao(['check', TYPO, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      // with --json the refusal is also on standard output, for programs
      if (args.includes('--json')) expect(JSON.parse(r.stdout).error.code).toBe('USAGE');
      else expect(r.stdout).toBe('');
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
    const copy = join(dir, 'r.csv');
    expect(nianbao(['check', TYPO, '--format', 'csv', '-o', copy]).code).toBe(1);
    // a list written over a report being checked: refused, the report untouched
    const before = readFileSync(copy);
    const r = nianbao(['check', copy, '-o', copy]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/输出文件就是要检查的报告/);
    expect(readFileSync(copy)).toEqual(before);
    expect(existsSync(join(dir, 'a.xlsx'))).toBe(false);
  });
});
