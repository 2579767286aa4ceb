import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingest, ingestSync } from './index.js';
import { chromeOfLine } from './preamble.js';
import { fixtureText, SEED } from './test-support/fixtures.js';

/** Words of page chrome that are never a report's own preamble. */
const CHROME_WORDS =
  /发布时间|发布日期|来源[:：]|浏览次数|浏览量|【打印】|【字体|【关闭】|分享到|原文链接|本地目录|当前位置|您当前的位置|={3,}|-->/;

const chromeIssue = (r: Awaited<ReturnType<typeof ingest>>) =>
  r.diagnostics.issues.find((i) => i.code === 'PREAMBLE_CHROME_REMOVED');

describe('the preamble (前言) without the web page around the report', () => {
  it('013: 「发布时间… 来源… 浏览次数」「【打印】 【字体:」 are no preamble, and are said removed', async () => {
    const r = await ingest(fixtureText('corpus/013.txt'));
    expect(r.report.preamble).toBeUndefined();
    const i = chromeIssue(r)!;
    expect(i.severity).toBe('info');
    expect(i.details?.removed).toEqual(['发布时间: 2021-01-18 来源: 南源街 浏览次数:-', '【打印】 【字体:']);
    expect(i.message).toContain('「【打印】 【字体:」');
    expect(i.message).toContain('请在前言中补上');
  });

  it('f03: the crawler header and the portal breadcrumb go, the agency’s preamble stays whole', async () => {
    const r = await ingest(fixtureText('corpus/f03.txt'));
    const pre = r.report.preamble!;
    expect(pre.startsWith('根据《中华人民共和国政府信息公开条例》（以下简称《条例》）')).toBe(true);
    expect(pre.endsWith('电话/传真：0591-23165370。')).toBe(true);
    expect(pre).not.toMatch(CHROME_WORDS);
    const removed = chromeIssue(r)!.details!.removed as string[];
    expect(removed).toContain('==================== 正文 ====================');
    expect(removed.some((x) => x.startsWith('原文链接: https://www.pingtan.gov.cn/'))).toBe(true);
    expect(removed.at(-1)).toMatch(/^当前位置： 首页.*相关链接： -->$/);
  });

  it('002: 「日期:2020-08-06」 and the title printed again under it are no preamble', async () => {
    const r = await ingest(fixtureText('corpus/002.txt'));
    expect(r.report.preamble).toBeUndefined();
    expect(chromeIssue(r)!.details!.removed).toEqual([
      '日期:2020-08-06',
      '重庆市合川区二郎镇人民政府 2019年政府信息公开工作报告',
    ]);
  });

  it('028 (HTML and its text): 「发布日期：2020-01-31」 goes, the preamble starts with 本年度报告', async () => {
    for (const f of ['corpus/028.txt', 'corpus/028.derived-text.txt']) {
      const r = await ingest(fixtureText(f), { filename: f });
      expect(r.report.preamble, f).toMatch(/^本年度报告根据《中华人民共和国政府信息公开条例》/);
      expect(r.report.preamble, f).toMatch(/门户网站（www\.shanghai\.gov\.cn）下载。$/);
      expect(r.report.meta.publishedOn, f).toBe('2020-01-31');
    }
  });

  it('no corpus file keeps page chrome in its preamble; real preambles are kept as they were', async () => {
    const kept: Record<string, RegExp> = {
      'corpus/020.txt': /^浑南区国资局根据《中华人民共和国政府信息公开条例》.*年度报告。$/,
      'corpus/f08.txt':
        /^沐阳县人民政府\(2026年1月23日\)\n依据《中华人民共和国政府信息公开条例》.*向社会公布。$/s,
      [SEED]: /^本年报根据《中华人民共和国政府信息公开条例》有关规定.*E-mail: yckzk@126\.com。$/,
    };
    for (const f of [
      '001.txt',
      '002.txt',
      '003.txt',
      '005.txt',
      '010.txt',
      '012.txt',
      '013.txt',
      '020.txt',
      '024.txt',
      '028.derived-text.txt',
      '028.txt',
      'f03.tables.txt',
      'f03.txt',
      'f08.txt',
    ]
      .map((x) => `corpus/${x}`)
      .concat(SEED)) {
      const r = await ingest(fixtureText(f), { filename: f });
      if (r.report.preamble !== undefined) {
        expect(r.report.preamble, f).not.toMatch(CHROME_WORDS);
        expect(r.report.preamble.trim(), f).not.toBe('');
      }
      if (kept[f]) {
        expect(r.report.preamble, f).toMatch(kept[f]!);
        expect(chromeIssue(r), f).toBeUndefined();
      }
    }
  });

  // A report with a preamble of its own, a portal's fields around it.
  const SEED_TEXT = fixtureText(SEED);
  const TITLE_LINE = '坑仔口镇人民政府 2020 年政府信息公开 工作年度报告';
  const seedPreamble = ingestSync(SEED_TEXT).report.preamble!;
  const CHROME_LINES = [
    '发布时间: 2021-01-18 来源: 南源街 浏览次数:-',
    '【打印】 【字体:',
    '【打印】【关闭】',
    '【字体：大 中 小】',
    '发布日期:2021-01-22 22:26:31 来源:江南中街道办事处',
    '分享到:',
    '浏览量:-',
    '您当前的位置:首页>二郎镇人民政府>政务公开>政府信息公开年报',
    '当前位置：首页 > 政务公开 > 政府信息公开年报',
    '原文链接: https://www.example.gov.cn/zwgk/t20220208_80613.htm',
    '本地目录: zwgk/zfxxgk/202202/80613_坑仔口镇人民政府2020年政府信息公开工作年度报告',
    '==================== 正文 ====================',
    '----------',
    '文号: ',
    '栏目: 政府信息公开年报',
    '微信 微博 QQ空间',
  ];

  it('any portal fields before or after the preamble: the preamble is the agency’s, every field said', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...CHROME_LINES), { maxLength: 6 }),
        fc.array(fc.constantFrom(...CHROME_LINES), { maxLength: 3 }),
        (before, after) => {
          const text = SEED_TEXT.replace(TITLE_LINE, `${TITLE_LINE}\n${before.join('\n')}\n`).replace(
            '\n一、总体情况',
            `\n${after.join('\n')}\n一、总体情况`,
          );
          const r = ingestSync(text);
          expect(r.report.preamble).toBe(seedPreamble);
          const removed = (r.diagnostics.issues.find((i) => i.code === 'PREAMBLE_CHROME_REMOVED')?.details
            ?.removed ?? []) as string[];
          expect(removed).toEqual([...before, ...after].map((x) => x.trim()));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a breadcrumb run on into the first sentence is cut where the sentence begins', () => {
    const line =
      '当前位置： 首页政务公开政府信息公开年报 来源：某县人民政府 时间：2022-02-08 16:34 微信 微博 相关链接： --> 根据《中华人民共和国政府信息公开条例》，编制本报告。';
    const v = chromeOfLine(line);
    expect(v.kind).toBe('prefix');
    expect(v.kind === 'prefix' && line.slice(v.keepFrom)).toBe(
      '根据《中华人民共和国政府信息公开条例》，编制本报告。',
    );
  });

  it('fields on the line of the first sentence are cut off it; fields before other words stay', () => {
    const line =
      '发布日期：2020-01-31 来源：某县人民政府 本年度报告根据《中华人民共和国政府信息公开条例》编制。';
    const v = chromeOfLine(line);
    expect(v.kind === 'prefix' && line.slice(v.keepFrom)).toBe(
      '本年度报告根据《中华人民共和国政府信息公开条例》编制。',
    );
    expect(chromeOfLine('发布日期：2020-01-31 我县全年主动公开政府信息 120 条。').kind).toBe('none');
  });

  it('a line with a sentence of its own is never removed whole', () => {
    // real preamble lines, and field names inside sentences
    for (const line of [
      '根据《中华人民共和国政府信息公开条例》规定，编制本报告。',
      '本报告所列数据统计期限自2020年1月1日起至2020年12月31日止。',
      '来源：本报告数据来源于各部门统计。',
      '发布时间：2021年1月20日，本报告电子版可在门户网站查阅。',
      '沐阳县人民政府',
      '(2026年1月23日)',
      '如对本报告有疑问，请与县政府办公室联系（电话：0595-23951088）。',
    ])
      expect(chromeOfLine(line).kind, line).toBe('none');
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(chromeOfLine(`${a}。${b}`).kind).not.toBe('all');
      }),
      { numRuns: 2000 },
    );
  });
});
