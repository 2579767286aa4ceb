/**
 * Text a Word or Excel file can hold. Their parts are XML 1.0, which has no place for the
 * noncharacters U+FFFE and U+FFFF, for C0 control characters but tab, line feed and carriage return,
 * nor for half of a surrogate pair: one such character anywhere in the text (a section pasted from
 * a file read in the wrong byte order, an agency name) made the whole file unreadable — Word 「无法
 * 打开文件，因为内容有错误」, LibreOffice 「source file could not be loaded」, Excel repairs it by
 * dropping the sheet's text. core refuses the control characters; the others pass its checks. None
 * of them shows as anything: they are dropped, a lone surrogate is U+FFFD (�), as a UTF-8 encoder
 * writes it.
 */

const CONTROL = '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f';
const NOT_XML = new RegExp(`[${CONTROL}\\ufffe\\uffff]|[\\ud800-\\udfff]`);
const NOT_XML_ALL = new RegExp(
  `[${CONTROL}\\ufffe\\uffff]|[\\ud800-\\udbff][\\udc00-\\udfff]|[\\ud800-\\udfff]`,
  'g',
);

/** `s` as XML 1.0 can hold it (see above); the same string when it already can. */
export function xmlText(s: string): string {
  if (!NOT_XML.test(s)) return s;
  return s.replace(NOT_XML_ALL, (c) => (c.length === 2 ? c : c >= '\ud800' && c <= '\udfff' ? '\ufffd' : ''));
}

/**
 * Every string in plain data (a report, a comparison, options: objects and arrays) as xmlText gives
 * it; anything else (a number, a function, a docx Paragraph) as it is. What needs no change is
 * returned as it is, not copied.
 */
export function xmlSafe<T>(value: T): T {
  if (typeof value === 'string') return xmlText(value) as T;
  if (Array.isArray(value)) {
    const out = value.map((v) => xmlSafe(v));
    return (out.some((w, i) => w !== value[i]) ? out : value) as T;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = Object.entries(value);
    const out = entries.map(([k, v]) => [k, xmlSafe(v)] as const);
    return (out.some(([, w], i) => w !== entries[i]![1]) ? Object.fromEntries(out) : value) as T;
  }
  return value;
}
