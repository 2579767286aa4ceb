import { strToU8, zipSync } from 'fflate';

/**
 * A minimal .xlsx written by hand, as other programs write them: cells as shared strings or inline
 * strings, numbers with a number format, merged ranges, formulas with or without a cached value,
 * hidden sheets, tags with a namespace prefix. For tests of the Excel reader only.
 */
export type FixtureCell =
  | string
  | number
  | null
  | { n: number; fmt?: string }
  | { f: string; v?: number }
  | { inline: string };

export interface FixtureSheet {
  name: string;
  rows: FixtureCell[][];
  /** A1-style ranges, e.g. 'A1:D1'. */
  merges?: string[];
  hidden?: boolean;
  /** Empty styled cells to this many columns on each row (as a bordered grid has them). */
  gridWidth?: number;
  /** Rows (1-based) hidden, as Excel writes them (`<row hidden="1">`). */
  hiddenRows?: number[];
  /** Columns (1-based) hidden (`<cols><col hidden="1">`). */
  hiddenCols?: number[];
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function colName(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

export function makeXlsx(
  sheets: FixtureSheet[],
  opts: { prefix?: string; inlineStrings?: boolean } = {},
): Uint8Array {
  const p = opts.prefix ? `${opts.prefix}:` : '';
  const ns = opts.prefix
    ? `xmlns:${opts.prefix}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
    : 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const shared: string[] = [];
  const sharedIndex = (s: string) => {
    let i = shared.indexOf(s);
    if (i < 0) i = shared.push(s) - 1;
    return i;
  };
  const formats: string[] = [];
  const styleOf = (fmt: string) => {
    let i = formats.indexOf(fmt);
    if (i < 0) i = formats.push(fmt) - 1;
    return i + 1; // style 0 is the default
  };
  const files: Record<string, Uint8Array> = {};
  sheets.forEach((sheet, si) => {
    const rows = sheet.rows.map((row, ri) => {
      const r = ri + 1;
      const width = Math.max(row.length, sheet.gridWidth ?? 0);
      const cells: string[] = [];
      for (let ci = 0; ci < width; ci++) {
        const v = row[ci];
        const ref = `${colName(ci + 1)}${r}`;
        if (v === null || v === undefined) {
          if (sheet.gridWidth) cells.push(`<${p}c r="${ref}" s="0"/>`);
        } else if (typeof v === 'number') cells.push(`<${p}c r="${ref}"><${p}v>${v}</${p}v></${p}c>`);
        else if (typeof v === 'string')
          cells.push(
            opts.inlineStrings
              ? `<${p}c r="${ref}" t="inlineStr"><${p}is><${p}t>${esc(v)}</${p}t></${p}is></${p}c>`
              : `<${p}c r="${ref}" t="s"><${p}v>${sharedIndex(v)}</${p}v></${p}c>`,
          );
        else if ('inline' in v)
          cells.push(
            `<${p}c r="${ref}" t="inlineStr"><${p}is><${p}t>${esc(v.inline)}</${p}t></${p}is></${p}c>`,
          );
        else if ('f' in v)
          cells.push(
            `<${p}c r="${ref}"><${p}f>${esc(v.f)}</${p}f>${v.v !== undefined ? `<${p}v>${v.v}</${p}v>` : ''}</${p}c>`,
          );
        else
          cells.push(
            `<${p}c r="${ref}"${v.fmt ? ` s="${styleOf(v.fmt)}"` : ''}><${p}v>${v.n}</${p}v></${p}c>`,
          );
      }
      const hidden = sheet.hiddenRows?.includes(r) ? ' hidden="1"' : '';
      return `<${p}row r="${r}"${hidden}>${cells.join('')}</${p}row>`;
    });
    const merges = sheet.merges?.length
      ? `<${p}mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<${p}mergeCell ref="${m}"/>`).join('')}</${p}mergeCells>`
      : '';
    const cols = sheet.hiddenCols?.length
      ? `<${p}cols>${sheet.hiddenCols.map((c) => `<${p}col min="${c}" max="${c}" width="0" hidden="1"/>`).join('')}</${p}cols>`
      : '';
    files[`xl/worksheets/sheet${si + 1}.xml`] = strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><${p}worksheet ${ns}>${cols}<${p}sheetData>${rows.join('')}</${p}sheetData>${merges}</${p}worksheet>`,
    );
  });
  files['xl/workbook.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><${p}workbook ${ns} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><${p}sheets>${sheets
      .map(
        (s, i) =>
          `<${p}sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"${s.hidden ? ' state="hidden"' : ''}/>`,
      )
      .join('')}</${p}sheets></${p}workbook>`,
  );
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
      .map(
        (_, i) =>
          `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
      )
      .join('')}</Relationships>`,
  );
  files['xl/sharedStrings.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><${p}sst ${ns} count="${shared.length}">${shared
      .map((s) => `<${p}si><${p}t xml:space="preserve">${esc(s)}</${p}t></${p}si>`)
      .join('')}</${p}sst>`,
  );
  files['xl/styles.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><${p}styleSheet ${ns}><${p}numFmts count="${formats.length}">${formats
      .map((f, i) => `<${p}numFmt numFmtId="${164 + i}" formatCode="${esc(f)}"/>`)
      .join('')}</${p}numFmts><${p}cellXfs count="${formats.length + 1}"><${p}xf numFmtId="0"/>${formats
      .map((_, i) => `<${p}xf numFmtId="${164 + i}" applyNumberFormat="1"/>`)
      .join('')}</${p}cellXfs></${p}styleSheet>`,
  );
  files['[Content_Types].xml'] = strToU8(
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
  );
  return zipSync(files);
}
