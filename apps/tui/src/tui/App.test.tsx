import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { loadReport } from '../lib/io.js';
import { fixture } from '../test-support/cli.js';
import { App } from './App.js';

describe('App', () => {
  it('runs the cross-year rules only against the same agency’s report of the year before', async () => {
    const previous = (await loadReport(fixture('example-2021.json'))).report;
    const open = async (name: string) =>
      render(
        <App
          start={{ kind: 'edit', loaded: await loadReport(fixture(name)) }}
          previous={previous}
          color={false}
          size={{ width: 160, height: 40 }}
          save={() => {}}
        />,
      ).lastFrame()!;
    expect(await open('example-2022.json')).toMatch(/跨年 [1-9]/);
    const other = await open('other-agency-2022.json');
    expect(other).toContain('跨年 0');
    expect(other).toContain('两份报告的机关不同');
  });
});
