import { createEmptyReport, type Finding, keyFindings, setSection } from '@nianbao/core';
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { panelProps } from '../test-support/findingsPanel';
import { FindingsPanel } from './FindingsPanel';
import { Sections } from './Sections';
import { editorReducer, initEditor } from './state';

afterEach(cleanup);

const evil = '<img src=x onerror="alert(1)"><script>alert(2)</script>';

describe('untrusted text', () => {
  it('agency names, narratives and messages render as text, never as HTML', () => {
    let report = createEmptyReport({ year: 2025, agency: `某某局${evil}` });
    report = setSection(report, 'problems', evil);
    const finding: Finding = {
      ruleId: 'N1',
      severity: 'warning',
      category: '图文数据不一致',
      message: `正文「${evil}」与表格不符`,
      cells: [],
      expected: null,
      actual: null,
      status: 'failed',
      hint: '',
      section: 'problems',
    };
    const { container } = render(
      <>
        <FindingsPanel {...panelProps(keyFindings([finding]))} />
        <Sections
          report={report}
          sentences={[]}
          findings={keyFindings([finding])}
          readOnly={false}
          onChange={() => {}}
          onPreamble={() => {}}
          register={() => {}}
        />
      </>,
    );
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(container.textContent).toContain('<img src=x');
    expect(container.querySelector<HTMLTextAreaElement>('textarea[name="sections.problems"]')!.value).toBe(
      evil,
    );
  });
});

describe('a table pasted into a text section', () => {
  it('says its columns will not survive export, only where the text has tabs', () => {
    let report = createEmptyReport({ year: 2025, agency: '某某局' });
    report = setSection(report, 'applications', '申请人类型\t件数\t占比\n自然人\t10\t83.3%');
    report = setSection(report, 'problems', '一是政策解读形式较为单一。');
    const { container } = render(
      <Sections
        report={report}
        sentences={[]}
        findings={[]}
        readOnly={false}
        onChange={() => {}}
        onPreamble={() => {}}
        register={() => {}}
      />,
    );
    expect(container.querySelector('[data-testid="tabs-applications"]')!.textContent).toContain(
      '制表符会变成空格',
    );
    expect(container.querySelector('[data-testid="tabs-problems"]')).toBeNull();
  });
});

describe('overriding a total', () => {
  it('keeps the typed total against its parts, records the reason, and can go back to the computed value', () => {
    let s = initEditor(createEmptyReport({ year: 2025, agency: '某某局' }), 1);
    for (const c of [
      'naturalPerson',
      'commercialEnterprise',
      'researchInstitution',
      'publicInterestOrg',
      'legalServiceOrg',
      'otherOrg',
    ])
      s = editorReducer(s, { type: 'cell', cell: `applications.newReceived.${c}`, value: 1 });
    expect(s.report.cells['applications.newReceived.total']!.value).toBe(6);
    s = editorReducer(s, {
      type: 'override',
      cell: 'applications.newReceived.total',
      label: '表三 一、本年新收政府信息公开申请数量 · 总计',
      value: 7,
      reason: '原件印制为 7',
    });
    expect(s.report.cells['applications.newReceived.total']).toMatchObject({ value: 7, origin: 'entered' });
    expect(s.overrides[0]).toMatchObject({ from: 6, to: 7, reason: '原件印制为 7' });
    s = editorReducer(s, {
      type: 'override',
      cell: 'applications.newReceived.total',
      label: '总计',
      value: null,
      reason: '改用计算值',
    });
    expect(s.report.cells['applications.newReceived.total']).toMatchObject({ value: 6, origin: 'derived' });
    s = editorReducer(s, { type: 'undo' });
    expect(s.report.cells['applications.newReceived.total']!.value).toBe(7);
  });
});

describe('money unit (2019 采购总金额 prints none)', () => {
  it('is chosen in the form, and T2-7 stops complaining', async () => {
    const { validate } = await import('@nianbao/core');
    const id = 'activeDisclosure.centralProcurement.procurementAmount';
    let s = initEditor(createEmptyReport({ year: 2020, agency: '某某镇人民政府' }), 1);
    s = editorReducer(s, { type: 'cell', cell: id, value: 12.5 });
    expect(validate(s.report).some((f) => f.ruleId === 'T2-7' && f.cells.includes(id))).toBe(true);
    s = editorReducer(s, { type: 'unit', cell: id, unit: '万元' });
    expect(s.report.cells[id]).toMatchObject({ value: 12.5, unit: '万元' });
    expect(validate(s.report).some((f) => f.ruleId === 'T2-7' && f.cells.includes(id))).toBe(false);
  });
});
