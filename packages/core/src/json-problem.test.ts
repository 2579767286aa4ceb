import { describe, expect, it } from 'vitest';
import { exampleReport } from './examples.js';
import { jsonProblem } from './json-problem.js';
import { parseReport } from './model.js';

const parses = (t: string) => {
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
};

describe('jsonProblem', () => {
  it('says where and what, whole, without V8’s quote of the text', () => {
    expect(jsonProblem('not json\n')).toBe('在第 1 行第 1 列有无法识别的内容「not json」');
    expect(jsonProblem('{"a": "x\ny"}')).toBe('在第 1 行第 9 列应为「"」，却是行尾');
    expect(jsonProblem('{"a": 1} x')).toBe('在第 1 行第 10 列 JSON 已经结束，其后还有内容「x」');
    expect(jsonProblem("{'a': 1}")).toBe("在第 1 行第 2 列应为用双引号括起的名称，却是「'a': 1}」");
    expect(jsonProblem('[1, 2')).toBe('在结尾处不完整（第 1 行第 6 列），文件可能被截断');
    expect(jsonProblem('{"机关": 一}')).toBe('在第 1 行第 8 列有无法识别的内容「一}」');
  });

  it('agrees with JSON.parse on every cut and every one-character change of a report', () => {
    const text = JSON.stringify(exampleReport({ year: 2022 }), null, 2).slice(0, 3000);
    const samples = [text, '', ' ', '0', '-0.5e+3', '"\\u00e9"', '[]', '{}', 'nul', '01', '1.', '-', '"\\x"'];
    for (let i = 0; i < text.length; i += 7) {
      samples.push(text.slice(0, i));
      for (const ch of ['"', ',', '}', ']', 'x', '\n', ':'])
        samples.push(text.slice(0, i) + ch + text.slice(i + 1));
    }
    for (const t of samples)
      expect(jsonProblem(t) === undefined, JSON.stringify(t.slice(-40))).toBe(parses(t));
  });

  it('parseReport says it in 简体中文, whole, with line and column', () => {
    const r = parseReport('{"schemaVersion": 1,\n "meta": oops}');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors[0]!.message).toBe('报告不是有效的 JSON：在第 2 行第 10 列有无法识别的内容「oops}」');
  });
});
