import { describeRules } from '@nianbao/core';
import { describe, expect, it } from 'vitest';
import {
  isCrossYear,
  labelRuleMessage,
  optionFields,
  optionLabel,
  type RuleMeta,
  ruleRefusals,
  severitiesFor,
} from './rules';

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

describe('a refused rule configuration, by rule', () => {
  const refusal = (appCode: string, details: Record<string, unknown>) => ({
    data: { appCode, zhMessage: '规则配置有误：…', details },
  });
  it('INVALID_RULE_CONFIG: each problem beside its own rule, told with the option’s label', () => {
    const r = ruleRefusals(
      refusal('INVALID_RULE_CONFIG', {
        problems: [
          '规则 T3-W1 的选项 maxRatio 不能为负数：-5',
          '规则 T2-3 的选项 governmentFactor 应为数字，实际为 "abc"',
          '规则 ZZ-9 的选项 x 应为数字',
        ],
      }),
      rules,
    )!;
    expect(Object.keys(r.byRule).sort()).toEqual(['T2-3', 'T3-W1']);
    expect(r.byRule['T3-W1']).toEqual([
      `选项「${optionLabel(byId('T3-W1') as RuleMeta, 'maxRatio')}」不能为负数：-5`,
    ]);
    expect(r.byRule['T2-3']![0]).toContain('应为数字');
    expect(r.byRule['T2-3']![0]).not.toContain('T3-W1');
    expect(r.other).toEqual(['规则 ZZ-9 的选项 x 应为数字']);
  });
  it('INVALID_INPUT: the path names the rule, the option (a level of a table) or the severity', () => {
    const r = ruleRefusals(
      refusal('INVALID_INPUT', {
        issues: [
          { path: 'rules.T2-3.options.maxByLevel.乡镇级', message: '应为数字' },
          { path: 'rules.C2.severity', message: '应为以下之一：error、warning' },
          { path: 'expectedVersion', message: '应为整数' },
        ],
      }),
      rules,
    )!;
    expect(r.byRule['T2-3']).toEqual(['选项「各层级机关收费金额的上限（万元） · 乡镇级」：应为数字']);
    expect(r.byRule.C2).toEqual(['级别：应为以下之一：error、warning']);
    expect(r.other).toEqual(['应为整数']);
  });
  it('any other error is not a rule’s', () => {
    expect(ruleRefusals(refusal('CONFIG_CONFLICT', {}), rules)).toBeNull();
    expect(ruleRefusals(new Error('x'), rules)).toBeNull();
  });
});
