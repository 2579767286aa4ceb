import { type CellId, pasteBlock as corePaste, type PasteResult, type Report } from '@nianbao/core';
import type { Nav } from './nav';

// The paste rules are core's (packages/core/src/paste.ts), so the terminal editor reads a pasted block
// the same way: tab-separated rows, a line of numbers separated by spaces cell by cell, a block whose
// first column(s) are row labels to the rows they name, every cell text read as typed.
export { type PasteChange, type PasteResult, pasteSummary } from '@nianbao/core';

/**
 * Paste a block (Excel, WPS, a PDF's text) with its top-left value at `start`, on the official layout
 * (the grid `nav` is built from: core places the block on the same grid). Input cells take the pasted
 * numbers; a pasted total equal to what its parts give is kept as computed, one that differs is kept
 * as stated and flagged (derive reports it), never overwritten silently.
 */
export function pasteBlock(report: Report, _nav: Nav, start: CellId, text: string): PasteResult {
  return corePaste(report, start, text);
}
