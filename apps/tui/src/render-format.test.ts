import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, nianbao, tempDir } from './test-support/cli.js';

describe('nianbao render: --format and the output file’s extension', () => {
  it('refuses --format md -o out.docx (exit 2, naming both), and writes nothing', () => {
    const out = join(tempDir(), 'out.docx');
    const r = nianbao(['render', fixture('seed-2020.json'), '--format', 'md', '-o', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format md');
    expect(r.stderr).toContain(out);
    expect(r.stderr).toContain('.docx');
    expect(r.stderr).not.toContain('已输出');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    ['docx', 'out.md'],
    ['html', 'out.xlsx'],
    ['csv', 'out.json'],
  ])('refuses --format %s -o %s', (format, name) => {
    const out = join(tempDir(), name);
    const r = nianbao(['render', fixture('seed-2020.json'), '-f', format, '-o', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--format ${format}`);
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    ['out.docx', 'docx', 'PK'],
    ['out.MD', 'md', '# 坑仔口镇'],
    ['out.htm', 'html', '<!DOCTYPE html>'],
    ['out.markdown', 'md', '# 坑仔口镇'],
  ])('without --format, -o %s is written as %s', (name, format, start) => {
    const out = join(tempDir(), name);
    const r = nianbao(['render', fixture('seed-2020.json'), '-o', out]);
    expect(r.code).toBe(0);
    expect(
      readFileSync(out).toString('latin1').startsWith(start) || readFileSync(out, 'utf8').startsWith(start),
    ).toBe(true);
    expect(r.stderr).toContain(`已输出 ${format}：${out}`);
  });

  it('agreeing --format and extension, or a name that names no format, are fine; no format at all is asked for', () => {
    const dir = tempDir();
    expect(
      nianbao(['render', fixture('seed-2020.json'), '--format', 'md', '-o', join(dir, 'a.md')]).code,
    ).toBe(0);
    const txt = join(dir, 'report.txt');
    expect(nianbao(['render', fixture('seed-2020.json'), '--format', 'md', '-o', txt]).code).toBe(0);
    expect(readFileSync(txt, 'utf8')).toMatch(/^# 坑仔口镇/);
    const r = nianbao(['render', fixture('seed-2020.json'), '-o', join(dir, 'b.txt')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format');
  });
});
