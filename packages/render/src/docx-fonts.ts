/** Font names for the DOCX output (no docx import here, so the browser bundle stays small). */
export interface DocxFonts {
  /** Title (标题): default 方正小标宋简体. */
  readonly title: string;
  /** Level-1 headings (一、…): default 黑体. */
  readonly heading: string;
  /** Level-2 headings (（一）…), when used: default 楷体. */
  readonly kai: string;
  /** Body text: default 仿宋 (present on every Windows and in WPS; 仿宋_GB2312 on older offices). */
  readonly body: string;
  /** Tables: default 宋体. */
  readonly table: string;
  /** Latin letters and digits: default Times New Roman. */
  readonly latin: string;
}

export const DEFAULT_DOCX_FONTS: DocxFonts = {
  title: '方正小标宋简体',
  heading: '黑体',
  kai: '楷体',
  body: '仿宋',
  table: '宋体',
  latin: 'Times New Roman',
};
