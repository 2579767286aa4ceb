import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLI, fixture, nianbao, tempDir } from '../test-support/cli.js';
import { checkFile, PreviousReports } from './checker.js';
import { notAReport, writeFileAtomic } from './io.js';

const blank = fc.string({ unit: fc.constantFrom(' ', '\n', '\t', '\r', '\uFEFF'), maxLength: 20 });

describe('unusable files: the reason in 简体中文 and a stable code', () => {
  it('an empty file (no byte, or only white space) of any kind: 「文件是空的」, EMPTY_FILE; in a folder skipped', async () => {
    const dir = tempDir();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('json', 'pdf', 'txt', 'html', 'docx'), blank, async (ext, text) => {
        const file = join(dir, `empty.${ext}`);
        writeFileSync(file, text);
        const named = await checkFile(file, undefined, undefined);
        expect(named).toMatchObject({ ok: false, code: 'EMPTY_FILE' });
        expect(!named.ok && named.error).toContain('文件是空的');
        expect(!named.ok && named.error).not.toMatch(/[A-Za-z]{3,} [A-Za-z]{3,}/); // no library English
        const found = await checkFile(file, undefined, undefined, { found: true });
        expect(found).toMatchObject({ ok: false, skipped: true, code: 'EMPTY_FILE' });
        expect(notAReport(file)).toBe('空文件，不是年度报告');
      }),
      { numRuns: 40 },
    );
  });

  it('each kind of unusable file has its code beside the message', async () => {
    const dir = tempDir();
    const at = (name: string, data: string | Uint8Array) => {
      const f = join(dir, name);
      writeFileSync(f, data);
      return f;
    };
    const seed = JSON.parse(readFileSync(fixture('seed-2020.json'), 'utf8'));
    const cell = Object.keys(seed.cells)[0]!;
    const cases: [string, string][] = [
      [join(dir, 'missing.json'), 'FILE_NOT_FOUND'],
      [
        at('photo.pdf', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46])),
        'NOT_A_PDF',
      ],
      [at('noise.pdf', 'just some words, no PDF at all'), 'NOT_A_PDF'],
      [at('broken.pdf', '%PDF-1.4\n1 0 obj << /Type /Catalog'), 'PDF_DAMAGED'],
      [at('bad.docx', 'PK\u0003\u0004junk'), 'DOCX_DAMAGED'],
      [at('plain.docx', 'not a zip'), 'NOT_A_DOCX'],
      [at('bad.json', '{"meta": '), 'INVALID_JSON'],
      [
        at('strval.json', JSON.stringify({ ...seed, cells: { ...seed.cells, [cell]: { value: '12' } } })),
        'INVALID_REPORT',
      ],
      [at('sheet.xls', 'x'), 'UNSUPPORTED_FORMAT'],
      [at('sheet.xlsx', 'x'), 'NOT_A_XLSX'],
      [at('bad.xlsx', 'PK\u0003\u0004junk'), 'XLSX_DAMAGED'],
      [fixture('tables-missing-2022.txt'), 'NO_NUMBERS'],
    ];
    for (const [file, code] of cases) {
      const r = await checkFile(file, undefined, undefined);
      expect({ file, ok: r.ok, code: !r.ok && r.code }).toEqual({ file, ok: false, code });
      expect(!r.ok && r.error).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('open-data JSON (nianbao render --format json) is said to be open data, not a report, with what to check instead', async () => {
    const dir = tempDir();
    const rows = [
      { agency: '坑仔口镇人民政府', year: 2020, cell_id: 'x.y', value: 0 },
      { agency: '坑仔口镇人民政府', year: 2020, cell_id: 'x.z', value: 1 },
    ];
    const file = join(dir, 'out.json');
    writeFileSync(file, JSON.stringify(rows));
    const r = await checkFile(file, undefined, undefined);
    expect(r).toMatchObject({ ok: false, code: 'OPEN_DATA_JSON' });
    expect(!r.ok && r.error).toContain('是开放数据');
    expect(!r.ok && r.error).toContain('nianbao import');
    expect(!r.ok && r.error).not.toContain('应为对象，实际为数组');
    expect(await checkFile(file, undefined, undefined, { found: true })).toMatchObject({
      skipped: true,
      code: 'OPEN_DATA_JSON',
    });
    // any other array is no report either, said as before
    writeFileSync(file, '[1, 2]');
    expect(await checkFile(file, undefined, undefined)).toMatchObject({ code: 'INVALID_REPORT' });
  });
});

describe('--previous DIR', () => {
  it('a published report with its edits saved beside it gives the edits as the year before, not the published numbers', async () => {
    const dir = tempDir();
    // the published page sorts before its .json (report.html < report.json)
    expect(
      nianbao(['render', fixture('seed-2020.json'), '--format', 'html', '-o', join(dir, 'r.html')]).code,
    ).toBe(0);
    const seed = JSON.parse(readFileSync(fixture('seed-2020.json'), 'utf8'));
    const id = Object.keys(seed.cells).find((k) => seed.cells[k].value === 0)!;
    const edited = { ...seed, cells: { ...seed.cells, [id]: { ...seed.cells[id], value: 7 } } };
    writeFileSync(join(dir, 'r.json'), JSON.stringify(edited));
    const prev = await PreviousReports.load([dir]);
    const next = { ...edited, meta: { ...edited.meta, year: 2021 } };
    expect(prev.size).toBe(1);
    expect(prev.find(next).previous?.cells[id]?.value).toBe(7);
  });
});

describe('writing a file (writeFileAtomic)', () => {
  it('a folder named as the output: said as a folder, and no temporary file is left beside it', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'out.md'));
    const r = nianbao(['render', fixture('example-2022.json'), '-o', join(dir, 'out.md')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('这是一个文件夹');
    expect(readdirSync(dir)).toEqual(['out.md']);
    expect(() => writeFileAtomic(join(dir, 'out.md'), 'x')).toThrow(/这是一个文件夹/);
    expect(readdirSync(dir)).toEqual(['out.md']);
  });

  it('a link is written through: the link stays, its target holds the new text', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'shared'));
    writeFileSync(join(dir, 'shared', 'real.json'), 'old');
    symlinkSync(join('shared', 'real.json'), join(dir, 'link.json'));
    writeFileAtomic(join(dir, 'link.json'), 'new');
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'shared', 'real.json'), 'utf8')).toBe('new');
    expect(readdirSync(join(dir, 'shared'))).toEqual(['real.json']);
  });

  it('the file keeps its permissions (a report kept private stays private)', () => {
    const dir = tempDir();
    const f = join(dir, 'r.json');
    writeFileSync(f, 'old');
    chmodSync(f, 0o600);
    writeFileAtomic(f, 'new');
    expect(statSync(f).mode & 0o777).toBe(0o600);
    expect(readFileSync(f, 'utf8')).toBe('new');
  });
});

describe('report JSON in UTF-16 (PowerShell 5 `>`, Notepad 「Unicode」)', () => {
  const utf16 = (text: string, be: boolean) => {
    const le = Buffer.from(text, 'utf16le');
    if (be) for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
    return Buffer.concat([Buffer.from(be ? [0xfe, 0xff] : [0xff, 0xfe]), le]);
  };

  it('is read as the same report as its UTF-8 file, named or from standard input', () => {
    const dir = tempDir();
    const text = readFileSync(fixture('example-2022.json'), 'utf8');
    const want = nianbao(['check', '--json', fixture('example-2022.json')]);
    for (const be of [false, true]) {
      const f = join(dir, `r-${be ? 'be' : 'le'}.json`);
      writeFileSync(f, utf16(text, be));
      const r = nianbao(['check', '--json', f]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(want.code);
      const got = JSON.parse(r.stdout).files[0];
      expect(got).toMatchObject({ ok: true, counts: JSON.parse(want.stdout).files[0].counts });
      const rules = join(dir, `rules-${be ? 'be' : 'le'}.json`);
      writeFileSync(rules, utf16(readFileSync(fixture('rules-quiet.json'), 'utf8'), be));
      expect(nianbao(['check', '--json', '--config', rules, f]).stderr).toBe('');
      expect(nianbao(['check', '--json', '--config', rules, f]).stdout).toBe(
        nianbao(['check', '--json', '--config', fixture('rules-quiet.json'), f]).stdout,
      );
      const piped = spawnSync(process.execPath, [CLI, 'check', '--json', '-'], {
        input: utf16(text, be),
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', NIANBAO_SERVER: '' },
      });
      expect(JSON.parse(piped.stdout).files[0]).toMatchObject({ ok: true });
    }
  });
});

describe('a file name that is no UTF-8 (GBK 「报告.json」 from a zip or a Windows share)', () => {
  it('is said as a name in another encoding, to be renamed — not as 「找不到文件」 of a file that is there', () => {
    const dir = tempDir();
    const gbk = Buffer.from([0xb1, 0xa8, 0xb8, 0xe6]); // 报告 in GBK
    writeFileSync(
      Buffer.concat([Buffer.from(`${dir}/`), gbk, Buffer.from('.json')]),
      readFileSync(fixture('example-2022.json')),
    );
    const r = nianbao(['check', '--json', dir]);
    expect(r.code).toBe(2);
    const [file] = JSON.parse(r.stdout).files;
    expect(file).toMatchObject({ ok: false, code: 'FILE_NAME_ENCODING' });
    expect(file.error).toContain('文件名不是 UTF-8 编码');
    expect(file.error).toContain('改名');
  });
});
