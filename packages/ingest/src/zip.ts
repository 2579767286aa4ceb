/**
 * What a ZIP (Word .docx, Excel .xlsx) says of itself before it is unpacked: the names of its parts
 * (in each part's local header, plain ASCII) and whether it is whole (a ZIP ends with its directory).
 */

/** Whether a ZIP's part names (its local headers and directory) include `name`. */
export function zipHolds(b: Uint8Array, name: string): boolean {
  const first = name.charCodeAt(0);
  outer: for (let i = 0; i + name.length <= b.length; i++) {
    if (b[i] !== first) continue;
    for (let k = 1; k < name.length; k++) if (b[i + k] !== name.charCodeAt(k)) continue outer;
    return true;
  }
  return false;
}

/** Parts only a workbook has. A ZIP cut short keeps the first parts only: any of these tells it. */
const WORKBOOK_PARTS = [
  'xl/workbook.xml',
  'xl/_rels/workbook.xml.rels',
  'xl/worksheets/',
  'xl/sharedStrings.xml',
  'xl/styles.xml',
];

/** The ZIP holds parts of an Excel workbook and none of a Word document's. */
export function zipIsWorkbook(b: Uint8Array): boolean {
  return WORKBOOK_PARTS.some((p) => zipHolds(b, p)) && !zipIsWordDocument(b);
}

/** The ZIP holds parts of a Word document (a workbook embedded in one is the document's). */
export function zipIsWordDocument(b: Uint8Array): boolean {
  return zipHolds(b, 'word/document.xml') || zipHolds(b, 'word/_rels/document.xml.rels');
}

/**
 * A ZIP (it begins as one) without its end record (「PK\5\6」 in its last 64 KB, after which only a
 * comment may follow): cut short — a download not finished, a copy broken off.
 */
export function zipCutShort(b: Uint8Array): boolean {
  if (!(b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04)) return false;
  const from = Math.max(0, b.length - 22 - 0xffff);
  for (let i = b.length - 22; i >= from; i--)
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x05 && b[i + 3] === 0x06) return false;
  return true;
}
