/**
 * What every Word file we write shares (the report and the year-on-year comparison): the A4 page in
 * twips, a font given for Chinese and for Latin, thin black table rules, the document's default run
 * (East Asian text zh-CN, so Word proofs and sets it — punctuation, line breaking — as Chinese; Latin
 * text en-US, as in Word's own Chinese documents: with zh-CN for it too, LibreOffice broke numbers
 * across lines as it breaks Chinese, 「2」 ⏎ 「020 年」, 「1」 ⏎ 「23456 件」), and the 公文 page number
 * 「— 1 —」 centred in the footer.
 */
import { AlignmentType, BorderStyle, Footer, PageNumber, Paragraph, TextRun } from 'docx';

/** Millimetres in twips (1/1440 inch), Word's unit of length. */
export const mm = (v: number) => Math.round((v * 1440) / 25.4);

/** A4 upright. */
export const PAGE = { width: mm(210), height: mm(297) };

/** A run's font: `eastAsia` for Chinese, `latin` for letters and digits. */
export function font(eastAsia: string, latin: string) {
  return { ascii: latin, hAnsi: latin, cs: latin, eastAsia };
}

const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

/** A table's rules: thin and black, outside and between every row and column. */
export const TABLE_BORDERS = {
  top: thin,
  bottom: thin,
  left: thin,
  right: thin,
  insideHorizontal: thin,
  insideVertical: thin,
};

/** The document's default run: `size` in half-points. */
export function chineseDefaults(eastAsia: string, latin: string, size: number) {
  return {
    default: {
      document: {
        run: { font: font(eastAsia, latin), size, language: { value: 'en-US', eastAsia: 'zh-CN' } },
      },
    },
  };
}

/** 「— N —」 centred, N the page's number; `size` in half-points. */
export function pageNumberFooter(eastAsia: string, latin: string, size: number) {
  return {
    default: new Footer({
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [
            new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(eastAsia, latin), size }),
          ],
        }),
      ],
    }),
  };
}
