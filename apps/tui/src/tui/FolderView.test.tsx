import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { checkFile } from '../lib/checker.js';
import { fixture } from '../test-support/cli.js';
import { tick } from '../test-support/reports.js';
import { type FolderEntry, FolderView } from './FolderView.js';
import { Rollup } from './Rollup.js';

async function entries(): Promise<FolderEntry[]> {
  const files = ['seed-2020.json', 'typo-2022.json', 'example-2022.json', 'broken.json'].map(fixture);
  const out: FolderEntry[] = [];
  for (const file of files)
    out.push({ file, result: await checkFile(file, undefined, undefined, { keepReport: true }) });
  out.push({ file: fixture('later.json') });
  return out;
}

describe('FolderView', () => {
  it('lists every file with its status and counts', async () => {
    const opened: string[] = [];
    const { lastFrame, stdin } = render(
      <FolderView
        dir={fixture('')}
        entries={await entries()}
        width={100}
        height={20}
        color={false}
        onOpen={(f) => opened.push(f)}
        onRecheck={() => {}}
        onSummary={() => {}}
        onQuit={() => {}}
      />,
    );
    const f = lastFrame()!;
    expect(f).toContain('5 份报告，已检查 4…，有问题 2');
    expect(f).toMatch(/有警告\s+seed-2020\.json\s+坑仔口镇人民政府\s+2020\s+0\s+0\s+3\s+0/);
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

  it('the roll-up sums each year through core aggregate', async () => {
    const { lastFrame } = render(
      <Rollup entries={await entries()} width={100} height={24} color={false} onClose={() => {}} />,
    );
    const f = lastFrame()!;
    expect(f).toMatch(/2022 年度（2 份）\s+2020 年度（1 份）/);
    // example-2022 and typo-2022 are the same agency's numbers but for one cell: 新收 doubles.
    expect(f).toMatch(/本年新收申请\s+\d+ 件\s+0 件/);
  });
});
