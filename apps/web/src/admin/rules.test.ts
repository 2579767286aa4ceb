import { describeRules } from '@nianbao/core';
import { describe, expect, it } from 'vitest';
import { isCrossYear, labelRuleMessage, optionFields, severitiesFor } from './rules';

const rules = describeRules();
const byId = (id: string) => rules.find((r) => r.id === id)!;

describe('rule options for people', () => {
  it('labels every option of the catalogue in Chinese, never by its English key', () => {
    for (const r of rules)
      for (const f of optionFields(r)) expect(f.label, `${r.id} ${f.key}`).not.toMatch(/[A-Za-z]/);
    const t3 = optionFields(byId('T3-W1'));
    expect(t3.map((f) => f.label)).toEqual(['结转下年度占本年新收与上年结转之和的最高比例（0.5 即 50%）']);
    expect(optionFields(byId('T2-3')).map((f) => f.label)).toContain(
      '各层级机关收费金额的上限（万元） · 乡镇级',
    );
  });

  it('uses core’s optionLabels where a rule has them', () => {
    expect(
      optionFields({
        id: 'Z',
        severity: 'info',
        category: 'x',
        options: { foo: 1 },
        optionLabels: { foo: '某某' },
      }),
    ).toEqual([{ key: 'foo', label: '某某', placeholder: '1' }]);
  });

  it('tells a server message naming an option by its label', () => {
    expect(labelRuleMessage('规则 T3-W1 的选项 maxRatio 不能为负数：-5', rules)).toBe(
      '规则 T3-W1 的选项「结转下年度占本年新收与上年结转之和的最高比例（0.5 即 50%）」不能为负数：-5',
    );
    expect(labelRuleMessage('规则 ZZ 的选项 maxRatio 应为数字', rules)).toBe(
      '规则 ZZ 的选项 maxRatio 应为数字',
    );
  });

  it('offers 跨年 only for rules that compare with the previous year', () => {
    const cross = rules.filter((r) => isCrossYear(r));
    expect(cross.length).toBeGreaterThan(0);
    expect(cross.length).toBeLessThan(rules.length);
    for (const r of rules)
      expect(severitiesFor(r).includes('crossYear')).toBe(
        r.requires === 'previous' || r.severity === 'crossYear',
      );
    const plain = rules.find((r) => !isCrossYear(r))!;
    expect(severitiesFor(plain)).toEqual(['error', 'warning', 'info']);
    expect(severitiesFor(plain, 'crossYear')).toContain('crossYear');
  });
});
