import { describe, expect, it } from 'vitest';
import { importVerdict } from './import.js';

const base = { noNumbers: false, importErrors: 0, cellsMissing: 0, cellsExpected: 198, outName: 'r.json' };

describe('nianbao import: the last line says what is wrong with the JSON written', () => {
  it('clean: no line', () => {
    expect(importVerdict(base)).toBeNull();
  });

  it('nothing read: every cell missing, exit 2', () => {
    expect(importVerdict({ ...base, noNumbers: true, cellsMissing: 198 })).toBe(
      '没有读到任何数字（应有 198 个单元格，读到 0）：r.json 中的单元格全部缺失（不是空白），无法检查或汇总（退出码 2）',
    );
  });

  it('import errors with cells not read: both counted', () => {
    expect(importVerdict({ ...base, importErrors: 1, cellsMissing: 3 })).toBe(
      '导入错误 1 条，另有 3 个单元格没有读到：r.json 中这些单元格缺失（不是空白），请按上面的诊断对照原文核对、补充（退出码 1）',
    );
  });

  it('import errors though every cell was read (a row typed twice, years that disagree): no cell said missing', () => {
    const line = importVerdict({ ...base, importErrors: 2 })!;
    expect(line).toBe(
      '导入错误 2 条：单元格都读到了，但有的数字或年度、机关可能不对，请按上面的诊断对照原文核对 r.json（退出码 1）',
    );
    expect(line).not.toContain('缺失');
  });

  it('cells not read without an import error (a source cut off before 表四)', () => {
    expect(importVerdict({ ...base, cellsMissing: 15 })).toContain(
      '有 15 个单元格没有读到（缺表、缺行或原文截断）',
    );
  });
});
