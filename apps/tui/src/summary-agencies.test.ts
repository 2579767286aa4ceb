import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, nianbao, tempDir } from './test-support/cli.js';

/** A folder with the example report under two agency names (no agency ids, as files have none). */
function folder(a: string, b: string): string {
  const dir = tempDir();
  const report = JSON.parse(readFileSync(fixture('other-agency-2022.json'), 'utf8'));
  for (const [file, name] of [
    ['a.json', a],
    ['b.json', b],
  ] as const)
    writeFileSync(
      join(dir, file),
      JSON.stringify({ ...report, meta: { ...report.meta, agency: { ...report.meta.agency, name } } }),
    );
  return dir;
}

describe('nianbao summary: two names that may be one agency', () => {
  it('「教育局」 and 「示例县教育局」: summed as two, and a warning naming both says how to make them one', () => {
    const dir = folder('教育局', '示例县教育局');
    const one = JSON.parse(nianbao(['summary', '--json', join(dir, 'a.json')]).stdout);
    const r = nianbao(['summary', '--json', dir]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    const newReceived = (s: { indicators: { key: string; value: number }[] }) =>
      s.indicators.find((i) => i.key === 'newReceived')!.value;
    // never merged silently: both reports are in the sum
    expect(j.contributors).toEqual(['教育局', '示例县教育局']);
    expect(newReceived(j.summary)).toBe(2 * newReceived(one.summary));
    expect(j.likelySameAgencies).toEqual([
      expect.objectContaining({ code: 'LIKELY_SAME_AGENCY', names: ['教育局', '示例县教育局'] }),
    ]);
    const human = nianbao(['summary', dir]);
    expect(human.code).toBe(0);
    const line = human.stdout.split('\n').find((l) => l.includes('可能是同一机关'));
    expect(line).toMatch(/^注意：「教育局」和「示例县教育局」可能是同一机关/);
    expect(line).toContain('机关编号');
    expect(line).toContain('机关名称改成一致');
  });

  it('two agencies of different names: nothing said', () => {
    const r = nianbao(['summary', '--json', folder('示例县教育局', '示例县交通运输局')]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).likelySameAgencies).toBeUndefined();
    expect(nianbao(['summary', folder('西城区教育局', '东城区教育局')]).stdout).not.toContain(
      '可能是同一机关',
    );
  });
});
