import type { SourceDoc } from './source.js';
export function htmlToSource(_html: string): SourceDoc {
  return { lines: [] };
}
