/**
 * Paragraphs as written: the readers mark the lines their format gives as whole paragraphs, the
 * Markdown reader takes off backslash escapes (and a `\|` is no cell boundary), and sectionText /
 * splitSignature give a section's text back paragraph by paragraph, without the signature.
 */
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { docxToSource } from './docx.js';
import { htmlToSource } from './html.js';
import { reflow } from './parse.js';
import { markdownText, type SourceDoc, textToSource, unescapeMarkdown } from './source.js';
import { buildStream } from './stream.js';
import { normParagraph, sectionText, splitSignature } from './text.js';

const ASCII_PUNCT = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
const texts = (doc: SourceDoc) => doc.lines.map((l) => l.cells.map((c) => c.text));
const text = (doc: SourceDoc) => sectionText(buildStream(doc), 0, Number.MAX_SAFE_INTEGER, reflow);

describe('Markdown: backslash escapes', () => {
  it('every escaped ASCII punctuation character comes back without its backslash; other characters keep it', () => {
    for (const c of ASCII_PUNCT) expect(unescapeMarkdown(`a\\${c}b`), c).toBe(`a${c}b`);
    expect(unescapeMarkdown('贯彻\\‹长江\\›、\\中、C:\\Users')).toBe('贯彻\\‹长江\\›、\\中、C:\\Users');
    expect(unescapeMarkdown('\\\\\\*')).toBe('\\*');
  });

  it('a \\| is a pipe of the text, not a cell boundary: a paragraph with escaped pipes is one paragraph (上海 2019)', () => {
    const md = '# 标题\n\n表格：规章 \\| 0 \\| 0\n\n| 规章 | a\\|b | 0 |\n| --- | ---: | ---: |\n';
    const doc = textToSource(md);
    expect(texts(doc)).toEqual([
      ['# 标题'],
      [''],
      ['表格：规章 | 0 | 0'],
      [''],
      [' 规章 ', ' a|b ', ' 0 '],
      [' --- ', ' ---: ', ' ---: '],
      [''],
    ]);
    expect(doc.lines[2]).toMatchObject({ explicit: false, paragraph: true });
    expect(doc.lines[4]!.explicit).toBe(true);
  });

  it('the 上海 2019 title with ASCII angle brackets and the characters Markdown reads come back as written', () => {
    const written = '《上海市贯彻<长江三角洲区域一体化发展规划纲要>实施方案》* _ ` [ ] \\ & # - ~ &amp;';
    const md = `# 标题\n\n${written.replace(/[\\`*_[\]<|~]/g, '\\$&').replace('&amp;', '\\&amp;')}\n\n1\\. 第一条\n`;
    const doc = textToSource(md);
    expect(doc.lines[2]!.cells[0]!.text).toBe(written);
    expect(doc.lines[4]!.cells[0]!.text).toBe('1. 第一条');
  });

  it('text that is not Markdown keeps its backslashes', () => {
    expect(texts(textToSource('一、总体情况\n路径 C:\\data\\*.txt'))).toEqual([
      ['一、总体情况'],
      ['路径 C:\\data\\*.txt'],
    ]);
  });

  it('one-line Markdown paragraphs are paragraphs as written; lines of a longer block are wrapped text', () => {
    const doc = textToSource('## 一、总体情况\n\n（一）存在问题\n\n第一行\n接着一行\n');
    expect(doc.lines.map((l) => l.paragraph ?? false)).toEqual([
      false,
      false,
      true,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('Markdown from other tools: inline marks are not text', () => {
  it('emphasis, code, links, images, autolinks and <br> give their words', () => {
    expect(markdownText('**一、总体情况**')).toBe('一、总体情况');
    expect(markdownText('本年度*主动公开*政府信息 __1,234__ 条，~~删去~~')).toBe(
      '本年度主动公开政府信息 1,234 条，删去',
    );
    expect(markdownText('详见[政府网站](http://www.gov.cn "门户")和![二维码](qr.png)')).toBe(
      '详见政府网站和二维码',
    );
    expect(markdownText('邮箱 <mailto:gk@example.gov.cn>，网址 <https://www.gov.cn/>')).toBe(
      '邮箱 mailto:gk@example.gov.cn，网址 https://www.gov.cn/',
    );
    expect(markdownText('代码 `a*b*c` 与 `` x ` y ``')).toBe('代码 a*b*c 与 x ` y');
    expect(markdownText('第一行<br>第二行<br/>')).toBe('第一行 第二行 ');
  });

  it('marks that are text stay: escaped, unbalanced, wrapping nothing, a single _ and blanks to fill', () => {
    for (const s of [
      '\\*\\*不是强调\\*\\*',
      '3 * 4 * 5',
      '____年__月',
      'a_b_c',
      '**',
      '* 列表',
      '单个*星号',
      '\\[x\\](y)',
    ])
      expect(markdownText(s), s).toBe(unescapeMarkdown(s));
  });

  it('a table cell in bold is its number; a bold caption line is its words (a pandoc conversion)', () => {
    const doc = textToSource(
      '## **一、总体情况**\n\n**（一）主动公开**\n\n详见[门户网站](http://x.gov.cn)。\n\n| 规章 | **12** | *3* |\n| --- | ---: | ---: |\n',
    );
    expect(texts(doc)).toEqual([
      ['## 一、总体情况'],
      [''],
      ['（一）主动公开'],
      [''],
      ['详见门户网站。'],
      [''],
      [' 规章 ', ' 12 ', ' 3 '],
      [' --- ', ' ---: ', ' ---: '],
      [''],
    ]);
  });
});

describe('the readers mark paragraphs', () => {
  it('HTML: a block and a line ended by <br> are paragraphs; table rows are not', () => {
    const doc = htmlToSource(
      '<p>（一）存在问题</p><p>第一行<br>第二行</p><table><tr><td>a</td><td>1</td></tr></table>',
    );
    expect(doc.lines.map((l) => [l.cells.map((c) => c.text).join('|'), l.paragraph ?? false])).toEqual([
      ['（一）存在问题', true],
      ['第一行', true],
      ['第二行', true],
      ['a|1', false],
    ]);
  });

  it('Word: every w:p is a paragraph', async () => {
    const bytes = await Packer.toBuffer(
      new Document({
        sections: [
          {
            children: ['（一）存在问题', '# 井号开头', '无'].map(
              (t) => new Paragraph({ children: [new TextRun(t)] }),
            ),
          },
        ],
      }),
    );
    const doc = docxToSource(new Uint8Array(bytes));
    expect(doc.lines.map((l) => [l.cells[0]!.text, l.paragraph])).toEqual([
      ['（一）存在问题', true],
      ['# 井号开头', true],
      ['无', true],
    ]);
  });
});

describe('sectionText', () => {
  const para = (t: string) => ({ cells: [{ text: t, where: {} }], explicit: false, paragraph: true });
  const wrapped = (t: string) => ({ cells: [{ text: t, where: {} }], explicit: false });

  it('keeps marked paragraphs as written — no join without 。, no # taken off, 「无」 kept — and reflows the rest', () => {
    const doc: SourceDoc = {
      lines: [
        para('（一）存在问题'),
        para('表格：规章 | 0 | 0'),
        para('# 井号开头'),
        para('**重点**'),
        para('无'),
        para('多个空格  之后　全角空格'),
        wrapped('硬换行的'),
        wrapped('一句话。'),
      ],
    };
    expect(text(doc)).toBe(
      '（一）存在问题\n表格：规章 | 0 | 0\n# 井号开头\n**重点**\n无\n多个空格 之后　全角空格\n硬换行的一句话。',
    );
  });

  it('normParagraph is render’s paragraph rule: trimmed, blank runs one space, 全角空格 kept', () => {
    expect(normParagraph('  a \t b\u00a0\u00a0c　　d  ')).toBe('a b c　　d');
  });
});

describe('splitSignature', () => {
  it('the agency on its own line above the date, as the renderer prints it, is the signature', () => {
    expect(splitSignature('无\n示例县交通运输局\n2025年1月20日')).toEqual({
      text: '无',
      iso: '2025-01-20',
      line: '示例县交通运输局 2025年1月20日',
    });
    expect(splitSignature('最后一段没有句号\n示例县交通运输局\n2025年1月20日')?.text).toBe(
      '最后一段没有句号',
    );
  });

  it('on one line after the text, as PDF-to-text gives it', () => {
    expect(splitSignature('无。示例县交通运输局 2023年1月20日')).toBeUndefined();
    expect(splitSignature('无。\n示例县交通运输局 2023年1月20日')).toEqual({
      text: '无。',
      iso: '2023-01-20',
      line: '示例县交通运输局 2023年1月20日',
    });
  });

  it('not a signature: a sentence ending in a date, an impossible date', () => {
    expect(splitSignature('统计期限截至2024年12月31日')).toBeUndefined();
    expect(splitSignature('无\n示例县交通运输局\n2025年13月40日')).toBeUndefined();
  });
  it('takes the agency alone on the last line as the signature (no date printed), not as text', () => {
    // before: 「…推进政务公开工作创新。\n示例县交通运输局」 was section 六's text on re-import
    expect(splitSignature('推进政务公开工作创新。\n示例县交通运输局')).toEqual({
      text: '推进政务公开工作创新。',
      line: '示例县交通运输局',
    });
    expect(splitSignature('示例县交通运输局')).toEqual({ text: '', line: '示例县交通运输局' });
    // a line of text that merely ends in an agency is text: the line above did not end its sentence
    expect(splitSignature('本年度工作由\n示例县交通运输局')).toBeUndefined();
    expect(splitSignature('本年度无其他事项。\n详见附件：示例县交通运输局')).toBeUndefined();
  });
});
