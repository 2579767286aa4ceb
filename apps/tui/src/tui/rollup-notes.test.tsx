import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { checkFile } from '../lib/checker.js';
import { fixture, nianbao, tempDir } from '../test-support/cli.js';
import type { FolderEntry } from './FolderView.js';
import { Rollup } from './Rollup.js';

/** A folder of the example report under the given agency names (no agency ids, as files have none). */
function folder(names: readonly string[], edit: (r: any, i: number) => any = (r) => r): string {
  const dir = tempDir();
  const report = JSON.parse(readFileSync(fixture('other-agency-2022.json'), 'utf8'));
  for (const [i, name] of names.entries())
    writeFileSync(
      join(dir, `${String.fromCharCode(97 + i)}.json`),
      JSON.stringify(
        edit({ ...report, meta: { ...report.meta, agency: { ...report.meta.agency, name } } }, i),
      ),
    );
  return dir;
}

async function entries(dir: string, names: readonly string[]): Promise<FolderEntry[]> {
  const out: FolderEntry[] = [];
  for (const [i] of names.entries()) {
    const file = join(dir, `${String.fromCharCode(97 + i)}.json`);
    out.push({
      file,
      result: await checkFile(file, undefined, undefined, { keepReport: true, found: true }),
    });
  }
  return out;
}

const flat = (s: string) => s.replace(/\s+/g, '');

/** The lines `nianbao summary DIR` prints as notes (注意：… / 注：…). */
const cliNotes = (dir: string) =>
  nianbao(['summary', dir])
    .stdout.split('\n')
    .filter((l) => /^(注意|注)：/.test(l));

describe('the roll-up screen says what nianbao summary says of the roll-up', () => {
  it('「教育局」 and 「示例县教育局」: summed as two, the warning that they may be one shown as the CLI prints it', async () => {
    const names = ['教育局', '示例县教育局'];
    const dir = folder(names);
    const f = render(
      <Rollup entries={await entries(dir, names)} width={100} height={40} color={false} onClose={() => {}} />,
    ).lastFrame()!;
    expect(f).toMatch(/2022 年度（2 份）/);
    const said = cliNotes(dir);
    expect(said.some((l) => l.startsWith('注意：「教育局」和「示例县教育局」可能是同一机关'))).toBe(true);
    // every note the CLI prints, word for word (wrapped to the window)
    for (const l of said) expect(flat(f)).toContain(flat(l));
    expect(f).toContain('按任意键返回');
  });

  it('the other notes of core (fees in 元 and in 万元 converted) are shown too', async () => {
    const names = ['示例县教育局', '示例县交通运输局'];
    const fee = 'activeDisclosure.adminFees.feeAmount';
    const dir = folder(names, (r, i) =>
      i ? r : { ...r, cells: { ...r.cells, [fee]: { value: 406000, unit: '元' } } },
    );
    const said = cliNotes(dir);
    expect(said.join('')).toContain('单位不一');
    const f = render(
      <Rollup entries={await entries(dir, names)} width={100} height={40} color={false} onClose={() => {}} />,
    ).lastFrame()!;
    for (const l of said) expect(flat(f)).toContain(flat(l));
    expect(f).not.toContain('可能是同一机关');
  });

  it('a window too low for the notes says how many lines are not shown and where to read them', async () => {
    const names = ['教育局', '示例县教育局'];
    const dir = folder(names);
    const f = render(
      <Rollup entries={await entries(dir, names)} width={60} height={14} color={false} onClose={() => {}} />,
    ).lastFrame()!;
    expect(f.split('\n').length).toBeLessThanOrEqual(13);
    expect(f).toMatch(/还有 \d+ 行未显示/);
    expect(f).toContain('按任意键返回');
  });

  it('two agencies of different names: no note', async () => {
    const names = ['示例县教育局', '示例县交通运输局'];
    const f = render(
      <Rollup
        entries={await entries(folder(names), names)}
        width={100}
        height={40}
        color={false}
        onClose={() => {}}
      />,
    ).lastFrame()!;
    expect(f).not.toContain('注意：');
    expect(f).not.toContain('注：');
  });
});

describe('the roll-up screen says which files it did not sum', () => {
  it('a file of which no number was read and a file still being checked are named, not left out unsaid', async () => {
    const names = ['示例县教育局', '示例县交通运输局'];
    const dir = folder(names);
    const none = join(dir, 'c.txt');
    writeFileSync(none, readFileSync(fixture('tables-missing-2022.txt')));
    const list = [
      ...(await entries(dir, names)),
      { file: none, result: await checkFile(none, undefined, undefined, { keepReport: true, found: true }) },
      { file: join(dir, 'd.json'), running: true },
    ];
    expect(list[2]!.result).toMatchObject({ ok: false, code: 'NO_NUMBERS' });
    const f = render(
      <Rollup entries={list} width={100} height={40} color={false} onClose={() => {}} />,
    ).lastFrame()!;
    expect(f).toMatch(/2022 年度（2 份）/);
    expect(flat(f)).toContain('未计入1个无法使用的文件：c.txt');
    expect(flat(f)).toContain('另有1个文件尚未检查完，未计入：d.json');
  });
});
