import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { CliError, oneLine, UsageError, zhDetail } from './errors.js';

describe('oneLine', () => {
  it('a folder read as a file (EISDIR, no path from readFileSync) ends with no dangling 「：」', () => {
    let e: unknown;
    try {
      readFileSync(tmpdir());
    } catch (x) {
      e = x;
    }
    expect((e as { code?: string }).code).toBe('EISDIR');
    expect(oneLine(e)).toBe('这是一个文件夹，不是文件');
    const withPath = Object.assign(new Error('EISDIR: illegal operation on a directory'), {
      code: 'EISDIR',
      path: '/tmp/x',
    });
    expect(oneLine(withPath)).toBe('这是一个文件夹，不是文件：/tmp/x');
  });

  it('shows our own messages exactly as written, even when they end in a command line', () => {
    const advice =
      'edu2.json：服务器上的报告已被他人修改（当前为第 3 版，本地文件基于第 2 版），未上传，本地文件未改动。确定以本地内容覆盖第 3 版时：nianbao push edu2.json --expected-version 3';
    expect(oneLine(new CliError(advice))).toBe(advice);
    expect(oneLine(new UsageError('请给出两份报告：nianbao compare OLD NEW'))).toBe(
      '请给出两份报告：nianbao compare OLD NEW',
    );
  });

  it('says a library’s English in 简体中文, the original as detail', () => {
    expect(oneLine(new Error('Invalid PDF structure.'))).toBe(
      '出错了（PDF 结构无效；原始信息：Invalid PDF structure.）',
    );
    // ingest's NianbaoError quoting pdf.js
    const ingest = Object.assign(new Error('PDF 文件已损坏或不是有效的 PDF：Invalid PDF structure.'), {
      name: 'NianbaoError',
    });
    expect(oneLine(ingest)).toBe(
      'PDF 文件已损坏或不是有效的 PDF（PDF 结构无效；原始信息：Invalid PDF structure.）',
    );
    expect(oneLine(new SyntaxError('Unexpected end of JSON input'))).toContain(
      'JSON 在结尾处不完整，文件可能被截断；原始信息：Unexpected end of JSON input',
    );
    // a CliError that quotes a library keeps that part wrapped (done where it is made)
    expect(oneLine(new CliError(zhDetail('无法输出为 docx：invalid zip data')))).toBe(
      '无法输出为 docx（zip 数据无效；原始信息：invalid zip data）',
    );
  });
});
