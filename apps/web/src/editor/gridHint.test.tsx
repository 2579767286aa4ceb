import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEmptyReport } from '@nianbao/core';
import { cleanup, render } from '@testing-library/react';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { EDIT_HINT, EDIT_HINT_PHONE, GridHint, READONLY_HINT_PHONE, TOTALS_HINT } from './Grid';
import { editorReducer, initEditor } from './state';

afterEach(cleanup);

const PARTS = [
  'naturalPerson',
  'commercialEnterprise',
  'researchInstitution',
  'publicInterestOrg',
  'legalServiceOrg',
  'otherOrg',
] as const;

describe('the grid hint', () => {
  it('says a total waits for every part (a blank is not 0), not 「合计自动计算」', () => {
    expect(EDIT_HINT).not.toContain('。合计自动计算');
    expect(EDIT_HINT).toContain('各项都填了数（没有的填 0）后自动计算合计');
    expect(EDIT_HINT_PHONE).toContain(TOTALS_HINT);
  });

  it('what it says is what the form does: 本年新收 总计 appears exactly when all six parts hold a number', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.nat(999), { nil: null }), { minLength: 6, maxLength: 6 }), (vs) => {
        let s = initEditor(createEmptyReport({ year: 2025, agency: '某某镇人民政府' }), 1);
        PARTS.forEach((p, k) => {
          s = editorReducer(s, { type: 'cell', cell: `applications.newReceived.${p}`, value: vs[k] ?? null });
        });
        const total = s.report.cells['applications.newReceived.total']?.value ?? null;
        if (vs.every((v) => v !== null)) expect(total).toBe(vs.reduce((a, b) => a! + b!, 0));
        else expect(total).toBeNull();
      }),
      { numRuns: 60 },
    );
  });

  it('on a phone: no keys, no Ctrl+V — the tap hint; both in the page, the stylesheet picks one', () => {
    for (const readOnly of [false, true]) {
      const { container, unmount } = render(<GridHint readOnly={readOnly} />);
      const keys = container.querySelector('.hint-keys')!.textContent!;
      const touch = container.querySelector('.hint-touch')!.textContent!;
      if (!readOnly) expect(keys).toContain('Ctrl+V');
      expect(touch).not.toMatch(/Ctrl|方向键|Tab|Shift|回车|右侧/);
      expect(touch).toBe(readOnly ? READONLY_HINT_PHONE : EDIT_HINT_PHONE);
      unmount();
    }
    const css = readFileSync(join(import.meta.dirname, '..', 'styles.css'), 'utf8').replace(/\s+/g, ' ');
    expect(css).toContain('.hint-touch { display: none; }');
    expect(css).toMatch(
      /@media \(max-width: 700px\), \(hover: none\) and \(pointer: coarse\) \{ \.hint-keys \{ display: none; \} \.hint-touch \{ display: inline; \} \}/,
    );
  });
});
