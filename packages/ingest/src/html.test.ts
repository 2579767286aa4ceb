import { describe, expect, it } from 'vitest';
import { htmlToSource } from './html.js';
import { detectKind, ingest } from './index.js';
import { fixtureText } from './test-support/fixtures.js';

/** Word-export HTML as portals publish it: mso markup, rowspan/colspan, &nbsp; blanks. */
const WORD_HTML = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{margin:0}</style>
<script>var x = "第二十条第（一）项 1 2 3";</script></head><body>
<p class=MsoNormal align=center><b><span style='font-size:16pt;font-family:黑体'>某某区司法局2022年政府信息公开工作年度报告<o:p></o:p></span></b></p>
<p class=MsoNormal><span>一、总体情况</span></p><p class=MsoNormal>全年主动公开信息&nbsp;8&nbsp;条。</p>
<p class=MsoNormal>二、主动公开政府信息情况</p>
<table class=MsoTableGrid border=1>
<tr><td colspan=4><p class=MsoNormal>第二十条第（一）项</p></td></tr>
<tr><td><p>信息内容</p></td><td><p>本年制发<br>件数</p></td><td><p>本年废止件数</p></td><td><p>现行有效件数</p></td></tr>
<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>行政规范性文件</td><td><span lang=EN-US>2<o:p></o:p></span></td><td>&nbsp;</td><td>15</td></tr>
<tr><td colspan=4>第二十条第（五）项</td></tr>
<tr><td>信息内容</td><td colspan=3>本年处理决定数量</td></tr>
<tr><td>行政许可</td><td colspan=3>20</td></tr>
<tr><td colspan=4>第二十条第（六）项</td></tr>
<tr><td>信息内容</td><td colspan=3>本年处理决定数量</td></tr>
<tr><td>行政处罚</td><td colspan=3>1,206</td></tr>
<tr><td>行政强制</td><td colspan=3>0</td></tr>
<tr><td colspan=4>第二十条第（八）项</td></tr>
<tr><td>信息内容</td><td colspan=3>本年收费金额（单位：万元）</td></tr>
<tr><td>行政事业性收费</td><td colspan=3>3.5</td></tr>
</table>
<p>三、收到和处理政府信息公开申请情况</p>
<table border=1>
<tr><td colspan=3 rowspan=3>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan=7>申请人情况</td></tr>
<tr><td rowspan=2>自然人</td><td colspan=5>法人或其他组织</td><td rowspan=2>总计</td></tr>
<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
<tr><td colspan=3>一、本年新收政府信息公开申请数量</td><td>4</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>5</td></tr>
<tr><td colspan=3>二、上年结转政府信息公开申请数量</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td rowspan=22>三、本年度办理结果</td><td colspan=2>（一）予以公开</td><td>3</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>4</td></tr>
</table>
<p>四、政府信息公开行政复议、行政诉讼情况</p>
<table border=1><tr><td colspan=5>行政复议</td><td colspan=10>行政诉讼</td></tr>
<tr><td rowspan=2>结果维持</td><td rowspan=2>结果纠正</td><td rowspan=2>其他结果</td><td rowspan=2>尚未审结</td><td rowspan=2>总计</td><td colspan=5>未经复议直接起诉</td><td colspan=5>复议后起诉</td></tr>
<tr><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>
<tr><td>1</td><td>0</td><td>0</td><td>0</td><td>1</td><td>0</td><td>0</td><td>0</td><td>&nbsp;</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr></table>
<p>五、存在的主要问题及改进情况</p><p>解读形式单一。</p><p>六、其他需要报告的事项</p><p>本年度未收取信息处理费。</p>
</body></html>`;

describe('HTML of government portals', { timeout: 60_000 }, () => {
  it('is detected as HTML', () => {
    expect(detectKind(WORD_HTML).kind).toBe('html');
    expect(detectKind(fixtureText('corpus/028.txt')).kind).toBe('html');
    expect(detectKind('一、总体情况\n二、主动公开').kind).toBe('text');
  });

  it('turns every <tr> into one line of cells, keeping &nbsp; cells as empty cells', () => {
    const doc = htmlToSource(WORD_HTML);
    const row = doc.lines.find((l) => l.cells[0]?.text === '行政规范性文件')!;
    expect(row.explicit).toBe(true);
    expect(row.cells.map((c) => c.text)).toEqual(['行政规范性文件', '2', '', '15']);
    expect(row.cells[3]!.where).toMatchObject({ table: 1, row: 4, cell: 4 });
    // script text is not content
    expect(doc.lines.some((l) => l.cells.some((c) => c.text.includes('var x')))).toBe(false);
  });

  it('reads Word-export markup with rowspan/colspan into cells with table/row/cell provenance', async () => {
    const r = await ingest(WORD_HTML);
    const c = r.report.cells;
    expect(r.diagnostics.kind.value).toBe('html');
    expect(r.report.meta).toMatchObject({ year: 2022, edition: '2021' });
    expect(r.report.meta.agency.name).toBe('某某区司法局');
    expect(c['activeDisclosure.normativeDocs.made']!.value).toBe(2);
    expect(c['activeDisclosure.normativeDocs.repealed']).toEqual({
      value: null,
      raw: '',
      origin: 'imported',
    });
    expect(c['activeDisclosure.normativeDocs.valid']!.value).toBe(15);
    expect(c['activeDisclosure.punishment.decisions']).toMatchObject({ value: 1206, raw: '1,206' });
    expect(c['activeDisclosure.adminFees.feeAmount']).toMatchObject({ value: 3.5, unit: '万元' });
    expect(c['applications.granted.total']!.value).toBe(4);
    expect(r.diagnostics.cells['applications.newReceived.total']!.where).toMatchObject({
      table: 2,
      row: 4,
      cell: 8,
    });
    expect(c['reviewLitigation.litigationDirect.pending']).toMatchObject({ value: null });
    expect(c['reviewLitigation.review.total']!.value).toBe(1);
    expect(r.report.sections.overview).toBe('全年主动公开信息 8 条。');
    expect(r.report.sections.other).toBe('本年度未收取信息处理费。');
  });

  it('sees through a page-layout table that wraps the whole report', async () => {
    const wrapped = WORD_HTML.replace(
      '<body>',
      '<body><table width="100%"><tr><td class="nav">首页 &gt; 年报</td></tr><tr><td>',
    ).replace('</body>', '</td></tr><tr><td>网站地图</td></tr></table></body>');
    const [a, b] = await Promise.all([ingest(WORD_HTML), ingest(wrapped)]);
    expect(Object.keys(b.report.cells).length).toBe(Object.keys(a.report.cells).length);
    for (const [id, c] of Object.entries(a.report.cells)) expect(b.report.cells[id]?.value, id).toBe(c.value);
    expect(b.report.meta.agency.name).toBe('某某区司法局');
    expect(b.report.sections.overview).toBe('全年主动公开信息 8 条。');
  });

  it('reads the 上海 2019 report (028) in full: blanks as printed, 251000元 with its unit', async () => {
    const r = await ingest(fixtureText('corpus/028.txt'));
    expect(r.diagnostics.summary.cellsFound).toBe(198);
    expect(r.report.meta.publishedOn).toBe('2020-01-31');
    expect(r.report.cells['activeDisclosure.centralProcurement.procurementAmount']).toMatchObject({
      value: 251000,
      unit: '元',
      raw: '251000元',
    });
    expect(r.report.cells['applications.granted.total']).toMatchObject({ value: null });
    expect(r.report.cells['applications.resultTotal.total']!.value).toBe(805);
    expect(r.diagnostics.summary.cellsBlank).toBe(135);
    expect(r.report.sections.problems).toContain('政府信息公开');
  });

  it('a superscript in a cell is a footnote mark, not the last digit of the number (167<sup>1</sup> is 167)', async () => {
    const text = fixtureText('corpus/028.txt');
    const plain = await ingest(text);
    // 一、本年新收: 821 (自然人) with a footnote mark, as 821<sup>1</sup> or 821<sup>注1</sup>.
    for (const mark of ['<sup>1</sup>', '<sup>注1</sup>', '¹']) {
      const marked = await ingest(text.replace('>821<', `>821${mark}<`));
      expect(marked.report.cells['applications.newReceived.naturalPerson']!.value).toBe(821);
      expect(marked.report.cells['applications.newReceived.total']!.value).toBe(
        plain.report.cells['applications.newReceived.total']!.value,
      );
    }
  });

  it('an embedded image or styles do not count against the text limit (2 M characters of what the page says)', async () => {
    const text = fixtureText('corpus/028.txt');
    const image = `<img src="data:image/png;base64,${'A'.repeat(2_100_000)}">`;
    const r = await ingest(text.replace('<table', `${image}<table`));
    expect(r.diagnostics.summary.cellsFound).toBe(198);
    // A text of that length is still refused.
    await expect(
      ingest(`某局2023年政府信息公开工作年度报告\n${'字'.repeat(2_100_000)}`),
    ).rejects.toMatchObject({
      code: 'INGEST_TOO_LARGE',
    });
  });

  // A table with one more column than the format — an empty first cell on every row, or a 序号
  // column — shifted every value of 表四 (no label to align by) and of rows whose 总计 is blank.
  // The alignment under which the printed totals add up decides; a number left out is named.
  it.each([
    ['an empty first cell on every row', () => '<tr><td>&nbsp;</td>', false],
    ['a numbering (序号) first column', (i: number) => `<tr><td>${i + 1}</td>`, true],
  ])('028 with %s: every cell as without it', async (_name, cell, named) => {
    const text = fixtureText('corpus/028.txt');
    const plain = await ingest(text);
    let i = 0;
    const wide = await ingest(text.replace(/<tr>/g, () => cell(i++)));
    const values = (r: typeof plain) =>
      Object.fromEntries(Object.entries(r.report.cells).map(([id, c]) => [id, c.value]));
    expect(values(wide)).toEqual(values(plain));
    expect(wide.report.cells['reviewLitigation.review.upheld']!.value).toBe(5);
    expect(wide.report.cells['reviewLitigation.review.total']!.value).toBe(7);
    const dropped = wide.diagnostics.issues.filter((d) => d.code === 'ROW_EXTRA_VALUES');
    // The numbers of the 序号 column that the alignment left out are named, never used silently.
    expect(dropped.length > 0).toBe(named);
  });
});
