import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseReport } from '@nianbao/core';
import { describe, expect, it } from 'vitest';
import { CLI, fixture, nianbao, nianbaoAsync, tempDir } from './test-support/cli.js';

describe('published reports through @nianbao/ingest, output through @nianbao/render', () => {
  it('check reads the seed as published text', () => {
    const r = nianbao(['check', '--json', fixture('seed-2020.txt')]);
    expect(r.code).toBe(0);
    const f = JSON.parse(r.stdout).files[0];
    expect(f).toMatchObject({ ok: true, agency: '坑仔口镇人民政府', year: 2020, edition: '2019-trial' });
    expect(f.diagnostics).toBeGreaterThan(0);
  });

  it('a published text in GB18030 (as many government sites serve them) reads as its UTF-8 twin', () => {
    const utf8 = JSON.parse(nianbao(['check', '--json', fixture('seed-2020.txt')]).stdout).files[0];
    const gb = nianbao(['check', '--json', fixture('seed-2020.gb18030.txt')]);
    expect(gb.code).toBe(0);
    const f = JSON.parse(gb.stdout).files[0];
    expect({ ...f, file: undefined }).toEqual({ ...utf8, file: undefined });
    expect(f).toMatchObject({ ok: true, agency: '坑仔口镇人民政府', year: 2020 });
    const dir = tempDir();
    expect(nianbao(['import', fixture('seed-2020.gb18030.txt'), '-o', join(dir, 'gb.json')]).code).toBe(0);
    expect(nianbao(['import', fixture('seed-2020.txt'), '-o', join(dir, 'utf8.json')]).code).toBe(0);
    expect(readFileSync(join(dir, 'gb.json'), 'utf8')).toBe(readFileSync(join(dir, 'utf8.json'), 'utf8'));
  });

  it('import writes the report and prints the diagnostics', () => {
    const dir = tempDir();
    const out = join(dir, 'seed.json');
    const r = nianbao(['import', fixture('seed-2020.txt'), '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('已导入 坑仔口镇人民政府 2020 年度报告（《格式（试行）》）');
    expect(r.stderr).toMatch(/单元格：应有 198，读到 198/);
    expect(r.stderr).toContain('导入诊断');
    const rep = parseReport(readFileSync(out, 'utf8'));
    expect(rep.ok).toBe(true);
    const j = JSON.parse(
      nianbao(['import', '--json', fixture('seed-2020.txt'), '-o', join(dir, 'b.json')]).stdout,
    );
    expect(j.ingest.summary.cellsExpected).toBe(198);
    expect(Array.isArray(j.issues)).toBe(true);
  });

  it.each(['html', 'docx'])('round trip: render to %s, check it again, same report', (format) => {
    const out = join(tempDir(), `example.${format}`);
    expect(nianbao(['render', fixture('example-2022.json'), '-o', out]).code).toBe(0);
    const r = nianbao(['check', '--json', out]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).files[0]).toMatchObject({
      ok: true,
      agency: '示例县交通运输局',
      year: 2022,
      edition: '2021',
    });
  });

  it('an Excel workbook of the tables (our XLSX export, filled in elsewhere) imports with every number, and says it has no text', () => {
    const dir = tempDir();
    const xlsx = join(dir, 'example.xlsx');
    expect(nianbao(['render', fixture('example-2022.json'), '-o', xlsx]).code).toBe(0);
    const out = join(dir, 'back.json');
    const r = nianbao(['import', xlsx, '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/单元格：应有 200，读到 200/);
    expect(r.stderr).toContain('Excel 文件只含表格');
    const back = JSON.parse(readFileSync(out, 'utf8'));
    const want = JSON.parse(readFileSync(fixture('example-2022.json'), 'utf8'));
    for (const [id, c] of Object.entries(want.cells) as [string, { value: number | null }][])
      expect(back.cells[id]?.value ?? null, id).toBe(c.value);
    // checked like any report: its sections are empty, so there are findings, but it is usable
    const checked = JSON.parse(nianbao(['check', '--json', xlsx]).stdout);
    expect(checked.files[0]).toMatchObject({ ok: true, year: 2022, edition: '2021' });
    // from standard input, told from a Word file by what the ZIP holds
    const piped = spawnSync(process.execPath, [CLI, 'import', '-', '-o', join(dir, 'piped.json')], {
      input: readFileSync(xlsx),
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', NIANBAO_SERVER: '', NIANBAO_TOKEN: '' },
      timeout: 110_000,
    });
    expect(piped.status, piped.stderr).toBe(0);
    expect(piped.stderr).toMatch(/单元格：应有 200，读到 200/);
  });

  it('a published PDF (洪泽区 2024) is read and checked', () => {
    const r = nianbao(['check', '--json', fixture('published-2024.pdf')]);
    expect([0, 1]).toContain(r.code);
    const f = JSON.parse(r.stdout).files[0];
    expect(f).toMatchObject({ ok: true, year: 2024, edition: '2021' });
    expect(f.agency).toContain('洪泽区人民政府');
  });

  it('a published report of which no number was read is unusable, never clean (exit 2, NO_NUMBERS)', () => {
    // 沈阳市浑南区政府国资局 2022: the tables were images, only their headings are in the text.
    const r = nianbao(['check', '--json', fixture('tables-missing-2022.txt')]);
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout);
    expect(out.totals).toEqual({ files: 1, clean: 0, withErrors: 0, unusable: 1, skipped: 0 });
    expect(out.files[0]).toMatchObject({ ok: false, code: 'NO_NUMBERS' });
    expect(out.files[0].error).toContain('没有读到任何数字');
    expect(out.files[0].importErrors.map((d: { code: string }) => d.code)).toContain('TABLE_MISSING');
    const human = nianbao(['check', fixture('tables-missing-2022.txt')]);
    expect(human.code).toBe(2);
    expect(human.stderr).toContain('没有读到任何数字');
    expect(human.stdout).not.toContain('未发现问题');
  });

  it('import exits 1 when a table or rows were not read, even when the importer only warns (a source cut off); 2 when no number was read; 0 clean', async () => {
    const dir = tempDir();
    const corpus = (f: string) => join('/work/shared/fixtures/corpus', f);
    const [cut, none, clean] = await Promise.all([
      nianbaoAsync(['import', '--json', corpus('010.txt'), '-o', join(dir, '010.json')]),
      nianbaoAsync(['import', '--json', corpus('020.txt'), '-o', join(dir, '020.json')]),
      nianbaoAsync(['import', '--json', fixture('seed-2020.txt'), '-o', join(dir, 'seed.json')]),
    ]);
    // 010: 表四 and 15 rows of 表三 absent from a truncated source, 121 cells, only warnings
    expect(cut.code).toBe(1);
    const j = JSON.parse(cut.stdout);
    expect(j.exitCode).toBe(1);
    expect(j.ingest.summary.cellsMissing).toBe(121);
    expect(j.issues.some((i: { code: string }) => i.code === 'TABLE_CUT_OFF')).toBe(true);
    expect(none.code).toBe(2);
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout).exitCode).toBe(0);
    const human = nianbao(['import', corpus('010.txt'), '-o', join(dir, '010b.json')]);
    expect(human.code).toBe(1);
    expect(human.stderr).toContain('有 121 个单元格没有读到');
  });

  it('import exits 2 when no number was read, 1 with import errors, 0 clean; summary and render say 未读到, not 空白', () => {
    const dir = tempDir();
    const none = nianbao(['import', fixture('tables-missing-2022.txt'), '-o', join(dir, 'none.json')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('没有读到任何数字');
    expect(existsSync(join(dir, 'none.json'))).toBe(true);
    const j = nianbao(['import', '--json', fixture('tables-missing-2022.txt'), '-o', join(dir, 'j.json')]);
    expect(j.code).toBe(2);
    expect(JSON.parse(j.stdout).exitCode).toBe(2);
    const text = readFileSync(fixture('seed-2020.txt'), 'utf8');
    const start = text.indexOf('一、本年新收政府信息公开 申请数量');
    const bad = `${text.slice(0, start)}一、本年新收政府信息公开 申请数量\t\t见附件${text.slice(text.indexOf('\n', start))}`;
    writeFileSync(join(dir, 'bad.txt'), bad);
    const some = nianbao(['import', join(dir, 'bad.txt')]);
    expect(some.code).toBe(1);
    expect(some.stderr).toMatch(/导入错误 1 条，另有 \d+ 个单元格没有读到/);
    expect(nianbao(['import', fixture('seed-2020.txt'), '-o', join(dir, 'ok.json')]).code).toBe(0);
    const summary = nianbao(['summary', join(dir, 'none.json')]);
    expect(summary.stdout).not.toContain('有空白单元格');
    expect(summary.stdout).toContain('单元格未读到');
    expect(summary.stdout).toContain('没有读到');
    expect(nianbao(['render', join(dir, 'none.json'), '-f', 'md']).stderr).toContain('没有读到');
    // a report with blank cells (not absent) is still said to have blank cells
    const blank = join(dir, 'blank.json');
    expect(nianbao(['new', '--year', '2022', '--agency', '示例县人民政府', '-o', blank]).code).toBe(0);
    const b = nianbao(['summary', blank]);
    expect(b.stdout).toContain('有空白单元格');
    expect(b.stdout).not.toContain('未读到');
  });

  it("the importer's errors count: a row whose numbers were not read makes the file 有错误 (exit 1)", () => {
    const dir = tempDir();
    const text = readFileSync(fixture('seed-2020.txt'), 'utf8');
    const start = text.indexOf('一、本年新收政府信息公开 申请数量');
    const bad = `${text.slice(0, start)}一、本年新收政府信息公开 申请数量\t\t见附件${text.slice(text.indexOf('\n', start))}`;
    writeFileSync(join(dir, 'bad.txt'), bad);
    const r = nianbao(['check', '--json', join(dir, 'bad.txt')]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.totals).toMatchObject({ clean: 0, withErrors: 1 });
    expect(out.files[0].importErrors).toEqual([
      expect.objectContaining({
        code: 'ROW_VALUES_NOT_READ',
        message: expect.stringContaining('一、本年新收'),
      }),
    ]);
    const human = nianbao(['check', join(dir, 'bad.txt')]);
    expect(human.stdout).toContain('导入错误（1）');
    expect(human.stdout).toMatch(/合计：.*导入错误 1/);
  });

  it('a .txt that is an HTML page (or a fragment of one) is read as HTML', () => {
    const html = nianbao(['render', fixture('seed-2020.json'), '--format', 'html']).stdout;
    // the body alone, as a page's content saved as text: no <!DOCTYPE>, no <html>
    const fragment = html
      .slice(html.indexOf('<body'), html.lastIndexOf('</body>'))
      .replace(/^<body[^>]*>/, '');
    expect(fragment.trimStart().startsWith('<')).toBe(true);
    const file = join(tempDir(), 'page.txt');
    writeFileSync(file, fragment);
    const r = nianbao(['check', '--json', file]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).files[0]).toMatchObject({
      ok: true,
      agency: '坑仔口镇人民政府',
      year: 2020,
      importErrors: [],
    });
    const imported = nianbao(['import', file, '-o', join(tempDir(), 'page.json')]);
    expect(imported.stderr).toMatch(/读到 198/);
  });

  it('text that is not a report: exit 2, one line', () => {
    const dir = tempDir();
    const f = join(dir, 'note.txt');
    writeFileSync(f, '');
    const r = nianbao(['check', f]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it.each([
    ['md', '# 坑仔口镇人民政府2020年政府信息公开工作年度报告'],
    ['html', '<table'],
    ['csv', 'applications.newReceived.total'],
  ])('render --format %s to stdout and to a file', (format, needle) => {
    const r = nianbao(['render', fixture('seed-2020.json'), '--format', format]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(needle);
    const out = join(tempDir(), `r.${format}`);
    expect(nianbao(['render', fixture('seed-2020.json'), '--format', format, '-o', out]).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain(needle);
    // A CSV file starts with a byte order mark (Excel then reads the 简体中文); standard output does not.
    expect(
      readFileSync(out)
        .subarray(0, 3)
        .equals(Buffer.from([0xef, 0xbb, 0xbf])),
    ).toBe(format === 'csv');
    expect(r.stdout.charCodeAt(0)).not.toBe(0xfeff);
  });

  it('render says so when the report has errors, and renders it all the same', () => {
    const out = join(tempDir(), 'typo.md');
    const r = nianbao(['render', fixture('typo-2022.json'), '-o', out]);
    expect(r.code).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(r.stderr).toMatch(/注意：该报告有 \d+ 个错误（T3-/);
    expect(nianbao(['render', fixture('example-2022.json'), '--format', 'md']).stderr).not.toContain('注意');
  });

  it('render and import refuse to write over the file they read', () => {
    const dir = tempDir();
    const file = join(dir, 'r.json');
    const original = readFileSync(fixture('seed-2020.json'));
    writeFileSync(file, original);
    for (const args of [
      ['--format', 'json', '-o', file],
      ['-o', join(dir, '.', 'r.json')],
    ]) {
      const r = nianbao(['render', file, ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('会覆盖原报告');
    }
    expect(readFileSync(file).equals(original)).toBe(true);
    // Nor does import write its JSON over the published text it reads.
    const text = join(dir, 'r.txt');
    writeFileSync(text, readFileSync(fixture('seed-2020.txt')));
    const r = nianbao(['import', text, '-o', text]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('会覆盖原文件');
    expect(readFileSync(text).equals(readFileSync(fixture('seed-2020.txt')))).toBe(true);
  });

  it('import does not replace an edited .json beside the text unless --force; the same import again is fine', () => {
    const dir = tempDir();
    const text = join(dir, 'f08.txt');
    const json = join(dir, 'f08.json');
    writeFileSync(text, readFileSync(fixture('seed-2020.txt')));
    expect(nianbao(['import', text]).code).toBe(0);
    // the same import again, the JSON unchanged: written again without a word
    expect(nianbao(['import', text]).code).toBe(0);
    const edited = readFileSync(json, 'utf8').replace('坑仔口镇人民政府', '坑仔口镇人民政府（已编辑）');
    writeFileSync(json, edited);
    for (const args of [[text], [text, '-o', json]]) {
      const r = nianbao(['import', ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('已存在');
      expect(r.stderr).toContain('--force');
      expect(readFileSync(json, 'utf8')).toBe(edited);
    }
    const forced = nianbao(['import', text, '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(json, 'utf8')).not.toBe(edited);
  });

  it.each(['docx', 'xlsx'])('render %s writes a zip file; refuses stdout', (format) => {
    const out = join(tempDir(), `r.${format}`);
    const r = nianbao(['render', fixture('seed-2020.json'), '--format', format, '-o', out]);
    expect(r.code).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    const bad = nianbao(['render', fixture('seed-2020.json'), '--format', format]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('-o');
    expect(nianbao(['render', fixture('seed-2020.json'), '--format', 'pdf']).stderr).toContain(
      '不支持的格式',
    );
  });
});
