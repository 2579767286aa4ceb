import { NianbaoError } from '@nianbao/core';

/** Deeper than any document a report is (Word nests a report's tables 10–20 elements deep). */
export const MAX_XML_DEPTH = 1000;

/**
 * Refuse XML nested deeper than MAX_XML_DEPTH before it is parsed: the XML parser keeps its open
 * elements in an array it grows at the front, so every element costs as much as the depth — a Word
 * file of a few KB with tables nested 150,000 deep took minutes. One pass over the tags, linear.
 */
export function refuseDeepXml(
  xml: string,
  what: string,
  fix = '请在 Word 或 WPS 中打开，另存为 .docx 或 PDF 后再导入',
): void {
  let depth = 0;
  let max = 0;
  const tag = /<(\/?)[A-Za-z_][\w.:-]*(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    if (m[1]) depth--;
    else if (!m[2]) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > MAX_XML_DEPTH)
          throw new NianbaoError(
            'INGEST_TOO_DEEP',
            `${what}的内容嵌套过深（超过 ${MAX_XML_DEPTH} 层，如表格套表格），不像一份年度报告：${fix}`,
            { maxDepth: MAX_XML_DEPTH },
          );
      }
    }
  }
}
