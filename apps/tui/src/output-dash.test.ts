import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, nianbao, tempDir } from './test-support/cli.js';

/** `-o -` is standard output, as `FILE -` is standard input: never a file named 「-」 with nothing on the pipe. */
describe('-o - writes to standard output', () => {
  it('render, new, import and compare: the output on stdout, no file 「-」, the same as without -o', () => {
    const cwd = tempDir();
    const cases: [string[], string[] | undefined][] = [
      [
        ['render', fixture('example-2022.json'), '-f', 'md', '-o', '-'],
        ['render', fixture('example-2022.json'), '-f', 'md'],
      ],
      [
        ['render', fixture('example-2022.json'), '-f', 'csv', '-o', '-'],
        ['render', fixture('example-2022.json'), '-f', 'csv'],
      ],
      [
        ['new', '--year', '2024', '--agency', '甲县教育局', '-o', '-'],
        ['new', '--year', '2024', '--agency', '甲县教育局'],
      ],
      [['import', fixture('seed-2020.txt'), '-o', '-'], undefined],
      [
        ['compare', fixture('example-2021.json'), fixture('example-2022.json'), '-f', 'md', '-o', '-'],
        ['compare', fixture('example-2021.json'), fixture('example-2022.json'), '-f', 'md'],
      ],
    ];
    for (const [args, plain] of cases) {
      const r = nianbao(args, { cwd });
      expect(r.code, args.join(' ')).toBeLessThan(2);
      expect(r.stdout.length, args.join(' ')).toBeGreaterThan(100);
      expect(existsSync(join(cwd, '-')), args.join(' ')).toBe(false);
      if (args[0] !== 'import') expect(r.stdout).toBe(nianbao(plain!, { cwd }).stdout);
    }
    const imported = JSON.parse(nianbao(['import', fixture('seed-2020.txt'), '-o', '-'], { cwd }).stdout);
    expect(imported.meta.year).toBe(2020);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('a binary format to -o - and --json with import -o - are refused (exit 2), nothing written', () => {
    const cwd = tempDir();
    const docx = nianbao(['render', fixture('example-2022.json'), '-f', 'docx', '-o', '-'], { cwd });
    expect(docx.code).toBe(2);
    expect(docx.stderr).toContain('不能输出到标准输出');
    const json = nianbao(['import', fixture('seed-2020.txt'), '-o', '-', '--json'], { cwd });
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).error.code).toBe('USAGE');
    expect(readdirSync(cwd)).toEqual([]);
  });
});
