import { NianbaoError } from '@nianbao/core';
import type { IngestOptions } from './types.js';

/* Checks and decoding of the input shared by every entry point (none of them loads a parser). */

const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/**
 * An Office 97–2003 compound file (OLE) and what it holds, or null: a file saved with a password
 * (Word or Excel: the encrypted package), an old Excel workbook (.xls, its stream named Workbook or
 * Book), anything else (an old Word .doc, WPS …). For callers that refuse them in their own words.
 */
export function oldOfficeFile(b: Uint8Array): 'encrypted' | 'excel' | 'other' | null {
  if (![0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].every((v, i) => b[i] === v)) return null;
  if (hasUtf16(b, 'EncryptedPackage')) return 'encrypted';
  if (hasUtf16(b, 'Workbook')) return 'excel';
  return 'other';
}

/** Formats we recognise but cannot read: a clear error instead of a confusing one. */
export function refuseUnsupported(b: Uint8Array): void {
  const starts = (...sig: number[]) => sig.every((v, i) => b[i] === v);
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1) && hasUtf16(b, 'EncryptedPackage'))
    // a .docx saved with a password is no zip but an OLE file holding the encrypted package
    throw new NianbaoError(
      'INGEST_DOCX_ENCRYPTED',
      'Word 文件有密码保护，无法读取：请在 Word 或 WPS 中输入密码打开，取消文档密码后另存为 .docx（或 PDF）再导入',
    );
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1) && hasUtf16(b, 'Workbook'))
    // an Excel 97–2003 workbook's stream is named Workbook (Book in Excel 5)
    throw new NianbaoError(
      'INGEST_UNSUPPORTED_FORMAT',
      '这是旧版 Excel（.xls）文件，暂不支持，请在 Excel 或 WPS 中另存为 .xlsx 后再导入',
    );
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1))
    throw new NianbaoError(
      'INGEST_UNSUPPORTED_FORMAT',
      '这是旧版 Word（.doc）或其他 Office 97–2003 文件，暂不支持，请另存为 .docx 或 PDF 后再导入',
    );
  if (starts(0x89, 0x50, 0x4e, 0x47) || starts(0xff, 0xd8, 0xff) || starts(0x47, 0x49, 0x46, 0x38))
    throw new NianbaoError(
      'INGEST_UNSUPPORTED_FORMAT',
      '这是图片文件，没有可读取的文字；请提供报告的网页、PDF 或 Word 文件',
    );
  if (starts(0x7b, 0x5c, 0x72, 0x74, 0x66))
    throw new NianbaoError(
      'INGEST_UNSUPPORTED_FORMAT',
      '这是 RTF 文件，暂不支持，请另存为 .docx 或 PDF 后再导入',
    );
}

/** Whether `b` holds `name` in UTF-16LE (an OLE file's directory entry names). */
function hasUtf16(b: Uint8Array, name: string): boolean {
  const first = name.charCodeAt(0);
  outer: for (let i = 0; i + name.length * 2 <= b.length; i++) {
    if (b[i] !== first || b[i + 1] !== 0) continue;
    for (let k = 1; k < name.length; k++)
      if (b[i + 2 * k] !== name.charCodeAt(k) || b[i + 2 * k + 1] !== 0) continue outer;
    return true;
  }
  return false;
}

/** Decode bytes as text: UTF-8 (with or without BOM), UTF-16 by BOM, else GB18030. */
export function decodeText(b: Uint8Array): string {
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe)
    return new TextDecoder('utf-16le').decode(b.subarray(2));
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff)
    return new TextDecoder('utf-16be').decode(b.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b).replace(/^\uFEFF/, '');
  } catch {
    try {
      return new TextDecoder('gb18030').decode(b);
    } catch {
      return new TextDecoder('utf-8').decode(b);
    }
  }
}

/** A report's text is 20–200 thousand characters; refuse what cannot be one (bounded time). */
export const MAX_TEXT_CHARS = 2_000_000;

/** `maxChars`: Infinity for HTML, whose markup (styles, an embedded image) is no text: its limit is on the text read from it. */
export function checkText(text: string, maxChars = MAX_TEXT_CHARS): void {
  if (text.trim() === '') throw new NianbaoError('INGEST_EMPTY', '输入为空：没有可读取的内容');
  if (text.length > maxChars)
    throw new NianbaoError(
      'INGEST_TOO_LARGE',
      `文本过长（${text.length.toLocaleString('en-US')} 个字符，上限 ${MAX_TEXT_CHARS.toLocaleString('en-US')}）：年度报告的正文通常不超过 20 万字，请检查输入`,
      { chars: text.length, max: MAX_TEXT_CHARS },
    );
  // binary garbage: many control characters or replacement characters
  let bad = 0;
  const n = Math.min(text.length, 20000);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) bad++;
  }
  if (bad > n * 0.1)
    throw new NianbaoError(
      'INGEST_BINARY',
      '输入不是可读的文本（含大量不可见或无法解码的字符），也不是 PDF 或 Word 文件',
      {
        badChars: bad,
      },
    );
}

/** A file of 0 bytes: said as such, before any reader (pdf.js, unzip) says it in English. */
export function emptyFile(): NianbaoError {
  return new NianbaoError(
    'INGEST_EMPTY',
    '文件为空（0 字节），没有可读取的内容：请确认选对了文件，或重新下载、导出后再导入',
    { bytes: 0 },
  );
}

export function sizeCheck(input: string | Uint8Array, opts: IngestOptions): void {
  if (typeof input !== 'string' && input.length === 0) throw emptyFile();
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const size = typeof input === 'string' ? input.length * 2 : input.length;
  if (size > max)
    throw new NianbaoError(
      'INGEST_TOO_LARGE',
      `输入过大（约 ${(size / 1024 / 1024).toFixed(1)} MB，上限 ${(max / 1024 / 1024).toFixed(0)} MB）：年度报告通常不超过几 MB，请检查文件`,
      { size, max },
    );
}
