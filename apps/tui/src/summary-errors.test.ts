import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, nianbao, tempDir } from './test-support/cli.js';

/**
 * `nianbao summary` of one report with errors — a 总计 that no longer adds up (43 with parts summing
 * to 4), a negative count — printed its indicators as if sound, nothing said; render says
 * 「注意：该报告有 N 个错误…」 of the same file.
 */
function broken(): string {
  const dir = tempDir();
  const report = JSON.parse(readFileSync(fixture('example-2022.json'), 'utf8'));
  report.cells['applications.newReceived.naturalPerson'].value = -3;
  const file = join(dir, 'r.json');
  writeFileSync(file, JSON.stringify(report));
  return file;
}

describe('nianbao summary of one report with errors says so', () => {
  it('human: a note naming the first error and nianbao check; --json: in notes, stdout still JSON', () => {
    const file = broken();
    const r = nianbao(['summary', file]);
    expect(r.code).toBe(0);
    const line = r.stdout.split('\n').find((l) => l.includes('个错误'));
    expect(line).toMatch(/^注：该报告有 \d+ 个错误（C1 .*），使用摘要前请用 nianbao check .*r\.json 查看$/);
    const j = JSON.parse(nianbao(['summary', '--json', file]).stdout);
    expect(j.notes).toEqual([expect.stringMatching(/^该报告有 \d+ 个错误（C1 /)]);
  });

  it('a report without errors: no such note', () => {
    const r = nianbao(['summary', fixture('example-2022.json')]);
    expect(r.stdout).not.toContain('个错误');
    expect(
      JSON.parse(nianbao(['summary', '--json', fixture('example-2022.json')]).stdout).notes,
    ).toBeUndefined();
  });
});
