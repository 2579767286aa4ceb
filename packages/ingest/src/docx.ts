import type { SourceDoc } from './source.js';
export function docxToSource(_b: Uint8Array): SourceDoc {
  return { lines: [] };
}
