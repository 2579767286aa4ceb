import type { CellId } from '@nianbao/core';
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ImportDiagnostics, ImportSources, provenanceClass } from './ImportSources';

afterEach(cleanup);

const A = 'applications.newReceived.naturalPerson' as CellId;
const B = 'applications.granted.naturalPerson' as CellId;

const diag: ImportDiagnostics = {
  kind: { value: 'text', reason: '纯文本' },
  edition: { value: '2021', reason: '表三有“其他法人或其他组织”列', evidence: ['表三'] },
  year: { value: 2024, reason: '标题中的年度' },
  agency: { value: '某某局', reason: '标题' },
  title: { value: '某某局2024年政府信息公开工作年度报告', reason: '第一行' },
  cells: {
    [A]: {
      cell: A,
      label: '表三 一、本年新收政府信息公开申请数量 · 自然人',
      value: 12,
      raw: '12',
      where: { line: 40, column: 3 },
      method: 'direct',
      confidence: 'high',
    },
    [B]: {
      cell: B,
      label: '表三 三、（一）予以公开 · 自然人',
      value: 5,
      where: { line: 44 },
      method: 'inferred',
      confidence: 'low',
    },
  } as ImportDiagnostics['cells'],
  issues: [
    {
      code: 'CELL_INFERRED',
      severity: 'warning',
      message: '原文缺少该数字，已按勾稽关系推算',
      cell: B,
      where: { line: 44 },
    },
  ],
  summary: {
    cellsExpected: 200,
    cellsFound: 199,
    cellsBlank: 0,
    cellsInferred: 1,
    cellsRepaired: 0,
    cellsMissing: 0,
    tablesFound: 3,
    sectionsFound: 6,
  },
};

describe('ImportSources', () => {
  it('shows every cell’s source and every repair or doubt, read-only for a stored version', () => {
    const focus = vi.fn();
    const { container, getByText } = render(
      <ImportSources diag={diag} onFocusCell={focus} note="第 1 版由导入生成。" />,
    );
    expect(container.querySelectorAll('.provenance tbody tr')).toHaveLength(2);
    expect(container.querySelector('.provenance input')).toBeNull();
    expect(container.textContent).toContain('原文缺失，由勾稽关系推算');
    expect(container.textContent).toContain('第 44 行');
    expect(container.textContent).toContain('第 1 版由导入生成。');
    expect(container.textContent).toContain('修复与存疑（1）');
    // what was detected, in words: the format and the file type, never their codes; the year as it is
    const detected = [...container.querySelectorAll('table:not(.provenance) tr')].map((tr) => tr.textContent);
    expect(detected).toContainEqual(
      expect.stringContaining('格式版本2021 年格式（国办公开办函〔2021〕30号）'),
    );
    expect(detected).toContainEqual(expect.stringContaining('文件类型纯文本'));
    expect(detected).toContainEqual(expect.stringContaining('年度2024'));
    fireEvent.click(getByText('定位'));
    expect(focus).toHaveBeenCalledWith(B);
    expect(provenanceClass(diag, B)).toBe('prov-inferred');
    expect(provenanceClass(diag, A)).toBe('');
  });

  it('in the preview, values are corrected in place; refused text is flagged, not sent', () => {
    const values = new Map<CellId, number | null>([
      [A, 12],
      [B, 5],
    ]);
    const onChange = vi.fn((id: CellId, v: number | null) => values.set(id, v));
    const { container } = render(
      <ImportSources
        diag={diag}
        edits={{ edition: '2021', value: (id) => values.get(id) ?? null, onChange }}
      />,
    );
    const input = container.querySelector<HTMLInputElement>(`input[name="preview:${B}"]`)!;
    expect(input.value).toBe('5');
    fireEvent.change(input, { target: { value: '７' } });
    expect(onChange).toHaveBeenLastCalledWith(B, 7);
    fireEvent.change(input, { target: { value: '' } });
    expect(onChange).toHaveBeenLastCalledWith(B, null);
    onChange.mockClear();
    fireEvent.change(input, { target: { value: '十二' } });
    expect(onChange).not.toHaveBeenCalled();
    expect(input.className).toContain('invalid');
    expect(input.title).not.toBe('');
  });
});
