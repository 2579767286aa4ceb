import type { SourceDoc } from './source.js';
import type { IngestOptions } from './types.js';
export async function pdfToSource(_b: Uint8Array, _o: IngestOptions): Promise<SourceDoc> {
  return { lines: [] };
}
