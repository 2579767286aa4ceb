import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseReport } from './model.js';
import { zhErrorMap } from './zh-errors.js';

const Schema = z.strictObject({
  count: z.int().min(0).max(10),
  name: z.string().min(2).max(5),
  kind: z.enum(['甲', '乙']),
  list: z.array(z.number()).max(2),
});

/** zod's type words and its locale's 「期望 … 实际接收」 — what a person should never read. */
const ENGLISH = /期望|实际接收|\b(?:string|number|int|object|array|record|boolean|undefined|nan)\b/;

const notText = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.integer(), { maxLength: 4 }),
  fc.dictionary(fc.constantFrom('a', 'b'), fc.integer()),
);

describe('zhErrorMap: zod messages in plain 简体中文', () => {
  it('names the type wanted and what came, with short values shown', () => {
    const r = Schema.safeParse(
      { count: 1.5, name: 7, kind: '丙', list: [1, 2, 3], extra: 1 },
      { error: zhErrorMap },
    );
    expect(r.success).toBe(false);
    const byPath = Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.') || '(根)', i.message]));
    expect(byPath).toEqual({
      count: '应为整数，实际为 1.5',
      name: '应为文本，实际为 7',
      kind: '应为以下之一：“甲”、“乙”',
      list: '最多 2 项',
      '(根)': '不认识的字段：extra',
    });
    const short = Schema.safeParse({ count: 11, name: '一', kind: '甲', list: [] }, { error: zhErrorMap });
    expect(short.error!.issues.map((i) => i.message)).toEqual(['不能大于 10', '至少 2 个字符']);
    const missing = Schema.safeParse({}, { error: zhErrorMap });
    expect(missing.error!.issues[0]!.message).toBe('缺少此项（应为数字）');
  });

  it('never an English type word, for any wrong value (fast-check)', () => {
    fc.assert(
      fc.property(fc.record({ count: notText, name: notText, kind: notText, list: notText }), (input) => {
        const r = Schema.safeParse(input, { error: zhErrorMap });
        if (r.success) return;
        for (const issue of r.error.issues) {
          expect(issue.message).toMatch(/[\u4e00-\u9fa5]/);
          expect(issue.message).not.toMatch(ENGLISH);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('parseReport speaks the same', () => {
    const r = parseReport({ schemaVersion: 1, meta: { year: '2024' }, sections: {}, cells: {} });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const year = r.errors.find((e) => e.path === 'meta.year')!;
    expect(year.message).toBe('报告年度：应为数字，实际为文本“2024”');
    for (const e of r.errors) expect(e.message).not.toMatch(ENGLISH);
  });
});
