import { exampleReport, keyFindings, validate } from '@nianbao/core';
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { panelProps } from '../test-support/findingsPanel';
import { FindingsPanel, type PreviousBasis, previousBasisText } from './FindingsPanel';

afterEach(cleanup);

// The cross-year rules (X1–X6) compare with last year's report as the server takes it: as published,
// else its latest version. A draft of last year may still change, and this year's cross-year findings
// with it: the panel says so, and says when there is no report of last year to compare with.

const report = exampleReport({ year: 2024 });

function panel(previousBasis?: PreviousBasis) {
  return render(
    <FindingsPanel
      {...panelProps(keyFindings(validate(report)), {
        edition: report.meta.edition,
        ...(previousBasis ? { previousBasis } : {}),
      })}
    />,
  );
}

const draft: PreviousBasis = {
  reportId: 'r-2023',
  year: 2023,
  published: false,
  statusLabel: '草稿',
  version: 3,
  href: '#/report/r-2023',
};

describe('what the cross-year findings rest on', () => {
  it('last year not yet published: the status and version it was checked against, and a link to it', () => {
    const { getByTestId } = panel(draft);
    const line = getByTestId('previous-basis');
    expect(line.textContent).toBe(
      '跨年核对依据的 2023 年度报告尚未发布（草稿，第 3 版），其数字可能还会改动 查看',
    );
    expect(line.querySelector('a')!.getAttribute('href')).toBe('#/report/r-2023');
  });

  it('last year published: nothing to say', () => {
    const { queryByTestId } = panel({ ...draft, published: true, statusLabel: '已发布' });
    expect(queryByTestId('previous-basis')).toBeNull();
  });

  it('no report of last year: the cross-year rules did not run, said so; nothing before the 2019 format', () => {
    const { getByTestId } = panel({ none: true, year: 2023 });
    expect(getByTestId('previous-basis').textContent).toBe('没有 2023 年度的报告，未进行跨年核对（X1–X6）');
    expect(previousBasisText({ none: true, year: 2018 })).toBeNull();
    expect(previousBasisText(undefined)).toBeNull();
  });

  it('without a link where none is given (a reader who may not open it)', () => {
    const { href: _, ...noLink } = draft as Extract<PreviousBasis, { href?: string }>;
    const { getByTestId } = panel(noLink);
    expect(getByTestId('previous-basis').querySelector('a')).toBeNull();
  });
});
