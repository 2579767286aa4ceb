/**
 * A PDF whose narrow columns wrap long numbers (「148,179,36」 over 「8」): the last digits were read
 * as the row's numbers with high confidence — (七)总计 = 8 7 6 5 4 3 3 (QA report qa-ingest2, item
 * 7). Now the two parts are read joined only where the row then adds up (said), otherwise the row
 * is not read; a number's last digits alone on the line after a row are not taken as its 总计.
 */
import { describe, expect, it } from 'vitest';
import { parseSource } from './parse.js';
import { T3_KEYS as KEYS } from './test-support/table3.js';

function pdf(rows: string[], explicit = false, placed: readonly string[] = []) {
  const text = [
    '某某县人民政府2024年政府信息公开工作年度报告',
    '一、总体情况',
    '本年度工作情况。',
    '三、收到和处理政府信息公开申请情况',
    '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计',
    ...rows,
    '四、政府信息公开行政复议、行政诉讼情况',
    '五、存在的主要问题及改进情况',
    '无。',
  ];
  return parseSource(
    {
      lines: text.map((t, i) => ({
        cells: t
          .split('\t')
          .map((c, j) => ({ text: c, where: { page: 1, x: 50 + 60 * j, y: 800 - 14 * i } })),
        // (a PDF's rows are lines of cells, explicit when their columns were told)
        explicit: (explicit && /^[\d一二]/.test(t)) || placed.includes(t),
        ...(placed.includes(t) ? { placedColumns: true } : {}),
      })),
    },
    'pdf',
    'test',
  );
}
const values = (r: ReturnType<typeof pdf>, row: string) =>
  KEYS.map((k) => r.report.cells[`applications.${row}.${k}`]?.value);
const NEW = '一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1';

describe('numbers wrapped in a PDF’s narrow columns', () => {
  it('first parts on the line above the label, last digits below: joined where the row adds up, and said', () => {
    const r = pdf([
      NEW,
      '148,179,36\t145,334,63\t146,489,90\t147,645,17\t148,800,44\t145,955,71\t882,405,24',
      '二、上年结转政府信息公开申请数量',
      '8\t7\t6\t5\t4\t3\t3',
    ]);
    expect(values(r, 'carriedOver')).toEqual([
      148179368, 145334637, 146489906, 147645175, 148800444, 145955713, 882405243,
    ]);
    const said = r.diagnostics.issues.find((i) => i.code === 'VALUE_WRAPPED');
    expect(said?.severity).toBe('warning');
    expect(said?.cells).toContain('applications.carriedOver.total');
  });

  it('… and where the joined numbers do not add up: nothing read from the last digits, an error on the cells', () => {
    const r = pdf([
      NEW,
      '148,179,36\t145,334,63\t146,489,90\t147,645,17\t148,800,44\t145,955,71\t882,405,24',
      '二、上年结转政府信息公开申请数量',
      '8\t7\t6\t5\t4\t3\t9',
    ]);
    for (const v of values(r, 'carriedOver')) expect(v === undefined || v === null).toBe(true);
    expect(r.diagnostics.issues.find((i) => i.code === 'VALUE_WRAPPED')?.severity).toBe('error');
  });

  it('a number broken over lines among a row’s numbers, the row not adding up without it: not read, said', () => {
    // (the lines as pdf.ts lays out pdf-2-thousands.pdf of the QA report: only the next row's columns told)
    const PLACED = '1.属于国家秘密\t5,844,070\t6,175,396\t6,566,724\t\t7,946,135\t0';
    // (a label wrapped over four lines around its numbers, the total 40,997,344 wrapped in its cell)
    const r = pdf(
      [
        NEW,
        '二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0',
        '三、本\t（一）予以公开\t0\t2,600,384\t1,300,525\t0\t544,044\t0\t4,444,953',
        '年度办',
        '（二）部分公开（区分处理',
        '理结果\t40,997,34',
        '的，只计这一情形，不计其他\t6,812,030\t7,068,555\t9,501,594\t5,051,825\t9,674,257\t2,889,083',
        '4',
        '情形）',
        PLACED,
      ],
      false,
      [PLACED],
    );
    expect(r.report.cells['applications.granted.total']?.value).toBe(4444953);
    expect(r.report.cells['applications.partiallyGranted.total']?.value).not.toBe(4);
    const said = r.diagnostics.issues.find(
      (i) => i.severity === 'error' && (i.cells ?? [i.cell]).includes('applications.partiallyGranted.total'),
    );
    expect(said, JSON.stringify(r.report.cells['applications.partiallyGranted.total'])).toBeDefined();
  });

  it('a total’s last digits alone on the line after its row are not the row’s 总计', () => {
    const rows = [
      NEW,
      '31,167,94',
      '二、上年结转政府信息公开申请数量\t8,477,664\t9,160,456\t0\t68,193\t8,127,203\t5,334,431',
      '7',
    ];
    for (const explicit of [false, true]) {
      const r = pdf(rows, explicit);
      expect(r.report.cells['applications.carriedOver.total']?.value, String(explicit)).not.toBe(7);
      expect(r.diagnostics.issues.some((i) => i.code === 'VALUE_ON_NEXT_LINE')).toBe(true);
    }
  });
});
