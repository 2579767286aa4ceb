import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, nianbao, tempDir, unzip } from './test-support/cli.js';

const OLD = fixture('example-2021.json');
const NEW = fixture('example-2022.json');
const TITLE = '示例县交通运输局 2021—2022年度政府信息公开工作年度报告同比';

describe('nianbao compare --format: the year-on-year comparison as a file', () => {
  it('md to standard output: the title, every section’s table with its numbers, the findings; exit code as compare', () => {
    const plain = nianbao(['compare', OLD, NEW]);
    const r = nianbao(['compare', OLD, NEW, '--format', 'md']);
    expect(r.code).toBe(plain.code);
    expect(r.code).toBe(1); // X1: the cross-year errors of the fixtures
    expect(r.stdout.startsWith(`# ${TITLE}\n`)).toBe(true);
    expect(r.stdout).toContain(
      '| 第二十条第（一）项 行政规范性文件 · 现行有效件数 | 40 | 44 | +4 | +10.0% |',
    );
    expect(r.stdout).toMatch(/## 二、主动公开政府信息情况[\s\S]*## 三、[\s\S]*## 四、[\s\S]*## 跨年核对/);
    expect(r.stdout).toContain(
      'X1（跨年）：自然人列：本年上年结转（3）不等于 2021 年结转下年度继续办理（2）',
    );
    expect(r.stderr).toBe('');
  });

  it('-o FILE: the format from --format or the extension; CSV with a BOM in a file, none on a pipe', () => {
    const dir = tempDir();
    const json = JSON.parse(nianbao(['compare', '--json', OLD, NEW]).stdout);
    const html = join(dir, '同比.html');
    const r = nianbao(['compare', OLD, NEW, '-o', html]);
    expect(r.stderr).toContain(`已输出同比（html）：${html}`);
    expect(r.stdout).toBe('');
    const page = readFileSync(html, 'utf8');
    expect(page).toContain(`<title>${TITLE}</title>`);
    expect(page.match(/<tr data-cell=/g)).toHaveLength(json.deltas.length);
    const csv = join(dir, 'c.csv');
    nianbao(['compare', OLD, NEW, '--format', 'csv', '-o', csv]);
    const text = readFileSync(csv, 'utf8');
    expect(text.startsWith('\uFEFFcell_id,label,previous,current,delta,change,quality,unit,unread\n')).toBe(
      true,
    );
    expect(text.trim().split('\n')).toHaveLength(json.deltas.length + 1);
    expect(text).toMatch(/\nactiveDisclosure\.normativeDocs\.valid,[^\n]*,40,44,4,0\.1,equivalent,,\n/);
    const piped = nianbao(['compare', OLD, NEW, '-f', 'csv']).stdout;
    expect(piped.startsWith('cell_id,')).toBe(true);
  });

  it('a --format the extension of -o contradicts is refused before anything is written, as render does', () => {
    const dir = tempDir();
    for (const [format, name] of [
      ['md', 'a.docx'],
      ['html', 'a.md'],
      ['csv', 'a.xlsx'],
      ['docx', 'a.htm'],
    ] as const) {
      const out = join(dir, name);
      const r = nianbao(['compare', OLD, NEW, '--format', format, '-o', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--format ${format} 与输出文件 ${out} 的扩展名`);
      expect(existsSync(out)).toBe(false);
    }
    // the same format in capitals, or as .htm / .markdown, is no contradiction
    const htm = join(dir, 'b.htm');
    expect(nianbao(['compare', OLD, NEW, '--format', 'HTML', '-o', htm]).code).toBe(1);
    expect(readFileSync(htm, 'utf8')).toContain(`<title>${TITLE}</title>`);
    expect(nianbao(['compare', OLD, NEW, '-o', join(dir, 'c.markdown')]).code).toBe(1);
    expect(readFileSync(join(dir, 'c.markdown'), 'utf8').startsWith(`# ${TITLE}\n`)).toBe(true);
  });

  it('docx and xlsx: files that open (their parts read back), with the numbers', () => {
    const dir = tempDir();
    const docx = join(dir, 'a.docx');
    const d = nianbao(['compare', OLD, NEW, '--format', 'docx', '-o', docx]);
    expect(d.stderr).toContain('已输出同比（docx）');
    expect(d.stderr).toContain('跨年核对有 4 条问题');
    const doc = unzip(readFileSync(docx)).get('word/document.xml')!;
    const texts = [...doc.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]);
    // the title on two lines: the agency, then the rest (a break inside 「年度报告」 otherwise)
    const t = texts.indexOf('示例县交通运输局');
    expect(texts.slice(t, t + 2).join(' ')).toBe(TITLE);
    const at = texts.indexOf('第二十条第（一）项 行政规范性文件 · 现行有效件数');
    expect(texts.slice(at, at + 5)).toEqual([
      '第二十条第（一）项 行政规范性文件 · 现行有效件数',
      '40',
      '44',
      '+4',
      '+10.0%',
    ]);
    const xlsx = join(dir, 'b.xlsx');
    nianbao(['compare', OLD, NEW, '-o', xlsx]);
    const parts = unzip(readFileSync(xlsx));
    expect(
      [...parts.get('xl/workbook.xml')!.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]),
    ).toEqual(['同比说明', '表二', '表三', '表四']);
    // 表二's 现行有效件数 of 行政规范性文件: 40, 44, +4 and 10 % as numbers
    expect(parts.get('xl/worksheets/sheet2.xml')).toMatch(
      /<v>40<\/v><\/c><c [^>]*><v>44<\/v><\/c><c [^>]*><v>4<\/v><\/c><c [^>]*><v>0\.1<\/v>/,
    );
  });

  it('refused before reading anything: a binary format to the terminal, --json with --format, an unknown format, -o over a report', () => {
    const before = readFileSync(NEW, 'utf8');
    const cases: [string[], string][] = [
      [['--format', 'docx'], 'docx 是二进制格式，请用 -o 给出输出文件'],
      [['--json', '--format', 'md'], '--json 与 --format/-o 只能选一个'],
      [['--format', 'pdf'], '同比文件的格式「pdf」不支持：请用 --format 给出 md、html、docx、xlsx、csv 之一'],
      [['-o', join(tempDir(), 'x.txt')], '同比文件的格式「txt」不支持'],
      [['-f', 'md', '-o', NEW], '输出文件就是要比较的报告'],
    ];
    for (const [extra, message] of cases) {
      const r = nianbao(['compare', OLD, NEW, ...extra]);
      expect(r.code, extra.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
    }
    expect(readFileSync(NEW, 'utf8')).toBe(before);
  });

  it('--json is as it was: the comparison, counts and grouped findings, no file', () => {
    const j = JSON.parse(nianbao(['compare', '--json', OLD, NEW]).stdout);
    expect(Object.keys(j).sort()).toEqual(
      ['counts', 'current', 'deltas', 'findings', 'notComparable', 'notes', 'previous'].sort(),
    );
  });
});
