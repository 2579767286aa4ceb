import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { checkFile } from '../lib/checker.js';
import { loadReport, reportJson } from '../lib/io.js';
import { fixture, tempDir } from '../test-support/cli.js';
import { tick } from '../test-support/reports.js';
import { type FolderEntry, FolderView, pairEntries } from './FolderView.js';
import { Rollup } from './Rollup.js';

async function entries(): Promise<FolderEntry[]> {
  const files = ['seed-2020.json', 'typo-2022.json', 'example-2022.json', 'broken.json'].map(fixture);
  const out: FolderEntry[] = [];
  for (const file of files)
    out.push({ file, result: await checkFile(file, undefined, undefined, { keepReport: true }) });
  out.push({ file: fixture('later.json') });
  return out;
}

/** The folder view of some entries; of its keys only Enter is heard (`onOpen`). */
const folderView = (
  dir: string,
  list: FolderEntry[],
  width: number,
  height: number,
  onOpen: (file: string) => void = () => {},
) => (
  <FolderView
    dir={dir}
    entries={list}
    width={width}
    height={height}
    color={false}
    onOpen={onOpen}
    onRecheck={() => {}}
    onSummary={() => {}}
    onQuit={() => {}}
  />
);

/** The folder view of some entries, nothing wired to its keys. */
const show = (dir: string, list: FolderEntry[], width: number, height: number) =>
  render(folderView(dir, list, width, height));

describe('FolderView', () => {
  it('does not count a skipped non-report (a README) as a report in the header', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'README.md'), '# 说明\n这个文件夹放年度报告。\n');
    writeFileSync(join(dir, 'r.json'), readFileSync(fixture('seed-2020.json')));
    const list: FolderEntry[] = [];
    for (const file of [join(dir, 'README.md'), join(dir, 'r.json')])
      list.push({
        file,
        result: await checkFile(file, undefined, undefined, { keepReport: true, found: true }),
      });
    expect(list[0]!.result).toMatchObject({ ok: false, skipped: true });
    const f = show(dir, list, 120, 12).lastFrame()!;
    expect(f).toContain('1 份报告，已检查 1，有问题 0；跳过 1 个非报告文件');
  });

  it('lists every file with its status and counts', async () => {
    const opened: string[] = [];
    const { lastFrame, stdin } = render(
      folderView(fixture(''), await entries(), 100, 20, (f) => opened.push(f)),
    );
    const f = lastFrame()!;
    expect(f).toContain('5 份报告，已检查 4…，有问题 2');
    expect(f).toMatch(/有警告\s+seed-2020\.json\s+坑仔口镇人民政府\s+2020\s+0\s+0\s+2\s+0/);
    expect(f).toMatch(/有错误\s+typo-2022\.json\s+示例县交通运输局\s+2022\s+2/);
    expect(f).toMatch(/通过\s+example-2022\.json/);
    expect(f).toMatch(/无法使用\s+broken\.json/);
    expect(f).toMatch(/等待\s+later\.json/);
    await tick();
    stdin.write('j');
    await tick();
    stdin.write('\r');
    await tick();
    expect(opened).toEqual([fixture('typo-2022.json')]);
  });

  it('a published report with errors of the importer is not 通过; one with no number read is 无法使用', async () => {
    const dir = tempDir();
    const text = readFileSync(fixture('seed-2020.txt'), 'utf8');
    const start = text.indexOf('二、上年结转政府信息公开 申请数量');
    writeFileSync(
      join(dir, 'bad.txt'),
      `${text.slice(0, start)}二、上年结转政府信息公开 申请数量\t\t见附件${text.slice(text.indexOf('\n', start))}`,
    );
    // Both files in the folder itself, so the file column does not depend on where the checkout lies.
    writeFileSync(join(dir, 'tables-missing-2022.txt'), readFileSync(fixture('tables-missing-2022.txt')));
    const list: FolderEntry[] = [];
    for (const file of [join(dir, 'bad.txt'), join(dir, 'tables-missing-2022.txt')])
      list.push({ file, result: await checkFile(file, undefined, undefined, { keepReport: true }) });
    const { lastFrame } = show(dir, list, 200, 12);
    const f = lastFrame()!;
    expect(f).toContain('有问题 2');
    expect(f).not.toContain('通过');
    expect(f).toMatch(/无法使用\s+tables-missing-2022\.txt\s+没有读到任何数字/);
  });

  it('a file of the folder that is clearly no report (README.md) is 跳过, not 无法使用', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'README.md'), '# 说明\n\n各单位报告。\n');
    const file = join(dir, 'README.md');
    const list: FolderEntry[] = [
      { file, result: await checkFile(file, undefined, undefined, { found: true }) },
    ];
    const { lastFrame } = show(dir, list, 100, 10);
    expect(lastFrame()).toMatch(/跳过\s+README\.md/);
    expect(lastFrame()).toContain('有问题 0');
  });

  it('the roll-up sums each year through core aggregate', async () => {
    const { lastFrame } = render(
      <Rollup entries={await entries()} width={100} height={24} color={false} onClose={() => {}} />,
    );
    const f = lastFrame()!;
    // example-2022 and typo-2022 are the same agency's report of the same year: not summed twice.
    expect(f).toMatch(/2020 年度（1 份）/);
    expect(f).not.toContain('2022 年度（2 份）');
    expect(f).toMatch(/本年新收申请\s+0 件/);
    expect(f).toContain('2022 年度未汇总：示例县交通运输局的报告有两份（typo-2022.json、example-2022.json）');
    expect(f).toContain('请只留一份');
  });

  it('the roll-up names two copies of the same name by their paths, so they can be told apart', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'seed'));
    for (const d of [dir, join(dir, 'seed')]) copyFileSync(fixture('example-2022.json'), join(d, 'r.json'));
    const list: FolderEntry[] = [];
    for (const file of [join(dir, 'r.json'), join(dir, 'seed', 'r.json')])
      list.push({
        file,
        result: await checkFile(file, undefined, undefined, { keepReport: true, found: true }),
      });
    const { lastFrame } = render(
      <Rollup entries={list} width={160} height={24} color={false} onClose={() => {}} />,
    );
    const f = lastFrame()!.replace(/\s+/g, '');
    expect(f).toContain(
      `（${relative(process.cwd(), join(dir, 'r.json'))}、${relative(process.cwd(), join(dir, 'seed', 'r.json'))}）`,
    );
  });

  it('the roll-up sums different agencies of one year', async () => {
    const list: FolderEntry[] = [];
    for (const name of ['example-2022.json', 'other-agency-2022.json']) {
      const file = fixture(name);
      list.push({ file, result: await checkFile(file, undefined, undefined, { keepReport: true }) });
    }
    const { lastFrame } = render(
      <Rollup entries={list} width={100} height={24} color={false} onClose={() => {}} />,
    );
    expect(lastFrame()).toMatch(/2022 年度（2 份）/);
  });

  it('a published report and its edits saved beside it are one report: listed, opened and summed once', async () => {
    const dir = tempDir();
    const pdf = join(dir, 'hongze-2024.pdf');
    writeFileSync(pdf, readFileSync(fixture('published-2024.pdf')));
    // what `w` saves beside it: the same report, one number edited
    const edited = (await loadReport(pdf)).report;
    const id = Object.keys(edited.cells).find((k) => typeof edited.cells[k]?.value === 'number')!;
    const json = join(dir, 'hongze-2024.json');
    writeFileSync(
      json,
      reportJson({ ...edited, cells: { ...edited.cells, [id]: { ...edited.cells[id]!, value: 7 } } }),
    );
    const list: FolderEntry[] = [];
    for (const file of [json, pdf])
      list.push({
        file,
        result: await checkFile(file, undefined, undefined, { keepReport: true, found: true }),
      });
    const paired = pairEntries(list);
    expect(paired).toHaveLength(1);
    expect(paired[0]!.file).toBe(json);
    expect(paired[0]!.result).toMatchObject({ ok: true, source: pdf });
    expect(paired[0]!.result?.ok && paired[0]!.result.report?.cells[id]?.value).toBe(7);
    const opened: string[] = [];
    const { lastFrame, stdin } = render(folderView(dir, paired, 120, 10, (f) => opened.push(f)));
    expect(lastFrame()).toContain('1 份报告，已检查 1');
    expect(lastFrame()).toContain('hongze-2024.pdf（已存修改 .json）');
    await tick();
    stdin.write('\r');
    await tick();
    // through the published file: the editor opens the saved edits and says so
    expect(opened).toEqual([pdf]);
    const roll = render(<Rollup entries={paired} width={120} height={30} color={false} onClose={() => {}} />);
    expect(roll.lastFrame()).toMatch(/2024 年度（1 份）/);
    expect(roll.lastFrame()).not.toContain('未汇总');
    // a JSON of another report beside it pairs with nothing: both listed
    const other = join(dir, 'hongze-2024.json');
    writeFileSync(other, readFileSync(fixture('example-2022.json')));
    const list2: FolderEntry[] = [];
    for (const file of [other, pdf])
      list2.push({
        file,
        result: await checkFile(file, undefined, undefined, { keepReport: true, found: true }),
      });
    expect(pairEntries(list2)).toHaveLength(2);
  });

  it('an unusable file is named by its path in the folder, so that the reason shows', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'bad'));
    const file = join(dir, 'bad', 'strval.json');
    const r = JSON.parse(readFileSync(fixture('seed-2020.json'), 'utf8'));
    r.cells[Object.keys(r.cells)[0]!].value = '12';
    writeFileSync(file, JSON.stringify(r));
    const list: FolderEntry[] = [
      { file, result: await checkFile(file, undefined, undefined, { found: true }) },
    ];
    const f = show(dir, list, 100, 8).lastFrame()!;
    const row = f.split('\n').find((l) => l.includes('无法使用'))!;
    expect(row).toMatch(/无法使用\s+bad\/strval\.json\s+表二 /);
    expect(row).not.toContain(dir);
  });

  it('the selection stays on its file when a published report and its saved edits become one row', async () => {
    const dir = tempDir();
    const txt = join(dir, 'f.txt');
    const json = join(dir, 'f.json');
    writeFileSync(txt, readFileSync(fixture('seed-2020.txt')));
    writeFileSync(json, readFileSync(fixture('seed-2020.json')));
    const z = join(dir, 'z.json');
    writeFileSync(z, readFileSync(fixture('example-2022.json')));
    const check = async (file: string) => ({
      file,
      result: await checkFile(file, undefined, undefined, { keepReport: true, found: true }),
    });
    const before: FolderEntry[] = [await check(json), { file: txt, running: true }, await check(z)];
    const opened: string[] = [];
    const view = (list: FolderEntry[]) => folderView(dir, list, 120, 10, (f) => opened.push(f));
    const { stdin, rerender, lastFrame } = render(view(before));
    await tick();
    stdin.write('j'); // on f.txt, still being checked
    await tick();
    const after = pairEntries([before[0]!, await check(txt), before[2]!]);
    expect(after).toHaveLength(2);
    rerender(view(after));
    await tick();
    expect(lastFrame()).toMatch(/› \S+\s+f\.txt（已存修改 \.json）/);
    stdin.write('\r');
    await tick();
    expect(opened).toEqual([txt]);
    // and the last row stays reachable: down once more is z.json
    stdin.write('j');
    await tick();
    stdin.write('\r');
    await tick();
    expect(opened).toEqual([txt, z]);
  });
});
