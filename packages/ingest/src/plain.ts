/**
 * `@nianbao/ingest/text`: published reports as plain text only (PDF-to-text, copy-paste, Markdown),
 * synchronously. The same reader as `ingestSync(input, { kind: 'text' })`, without loading the HTML,
 * PDF and Word readers — for programs that read many text files and start often (`nianbao check`).
 */
import { checkText, decodeText, refuseUnsupported, sizeCheck } from './input.js';
import { parseSource } from './parse.js';
import { textToSource } from './source.js';

export { htmlMarkup } from './sniff.js';

import type { IngestOptions, IngestResult } from './types.js';

export type {
  CellMethod,
  CellSource,
  Confidence,
  Detection,
  Diagnostic,
  IngestDiagnostics,
  IngestOptions,
  IngestResult,
  InputKind,
  Severity,
  Where,
} from './types.js';

/** Read plain text (or its bytes: UTF-8, UTF-16 by BOM, else GB18030) as a report; throws a NianbaoError. */
export function ingestText(input: string | Uint8Array, opts: Omit<IngestOptions, 'kind'> = {}): IngestResult {
  sizeCheck(input, opts);
  if (typeof input !== 'string') refuseUnsupported(input);
  const text = typeof input === 'string' ? input : decodeText(input);
  checkText(text);
  return parseSource(textToSource(text), 'text', '按指定的文件类型读取');
}
