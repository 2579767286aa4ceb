import { createEmptyReport, prefillFromPrevious, setCell, setSection } from '@nianbao/core';
import { describe, expect, it } from 'vitest';
import { daysLeft, deadlineFor, isMonthDay } from './deadline';
import { sentenceOffers } from './narration';

describe('deadlines', () => {
  it('takes a local deadline only as a real MM-DD', () => {
    expect(['01-31', '02-29', '12-31'].map(isMonthDay)).toEqual([true, true, true]);
    expect(['02-30', '13-01', '00-00', '1-31', '01-31x', ''].map(isMonthDay)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('follows 条例第四十九条 and the local date for townships', () => {
    expect(deadlineFor({ kind: '政府部门', level: '县级' }, 2025)!.date).toBe('2026-01-31');
    expect(deadlineFor({ kind: '人民政府', level: '县级' }, 2025)!.date).toBe('2026-03-31');
    expect(deadlineFor({ kind: '人民政府', level: '乡镇级' }, 2025, '02-20')!.date).toBe('2026-02-20');
    expect(deadlineFor({ kind: null, level: null }, 2025)).toBeUndefined();
    expect(daysLeft('2026-01-31', new Date(2026, 0, 21))).toBe(10);
    expect(daysLeft('2026-01-31', new Date(2026, 1, 2))).toBe(-2);
  });
});

describe('narration offers', () => {
  it('finds a sentence with old numbers and offers the new one', () => {
    const s = {
      key: 'intake',
      section: 'applications' as const,
      text: '本年新收政府信息公开申请74件，上年结转8件。',
      cells: [],
    };
    expect(sentenceOffers('……本年新收政府信息公开申请86件，上年结转8件。……', [s])[0]).toMatchObject({
      status: 'outdated',
      found: '本年新收政府信息公开申请86件，上年结转8件。',
    });
    expect(sentenceOffers(s.text, [s])[0]!.status).toBe('current');
    expect(sentenceOffers('', [s])[0]!.status).toBe('absent');
  });
});

describe('prefill from last year', () => {
  it('turns last year 结转下年度继续办理 into this year 上年结转 and keeps the text', () => {
    let prev = createEmptyReport({ year: 2024, agency: '某某局' });
    prev = setCell(prev, 'applications.carriedForward.naturalPerson', 3);
    prev = setSection(prev, 'problems', '去年的问题');
    const cur = prefillFromPrevious(prev, {
      year: 2025,
      into: createEmptyReport({ year: 2025, agency: '某某局' }),
    });
    expect(cur.cells['applications.carriedOver.naturalPerson']!.value).toBe(3);
    expect(cur.cells['applications.carriedOver.commercialEnterprise']!.value).toBeNull();
    expect(cur.sections.problems).toBe('去年的问题');
  });
});
