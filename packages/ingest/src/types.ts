import type { CellId, EditionId, Report } from '@nianbao/core';

export type InputKind = 'text' | 'html' | 'pdf' | 'docx' | 'xlsx';

/** Where a piece of the source came from. Text: line/column (1-based); PDF: page and position; HTML/DOCX: table, row, cell. */
export interface Where {
  /** Line of the (extracted) text, 1-based. For PDF and DOCX the line of the reconstructed text. */
  line?: number;
  /** Column (character offset in the line), 1-based. */
  column?: number;
  page?: number;
  /** PDF user-space coordinates of the text item (origin bottom-left). */
  x?: number;
  y?: number;
  /** HTML/DOCX: 1-based index of the table in the document, the row and the cell within the row. */
  table?: number;
  row?: number;
  cell?: number;
  /** Excel: the sheet's name (row and cell are then the sheet's row number and 1-based column). */
  sheet?: string;
}

export type Severity = 'error' | 'warning' | 'info';

/** One finding of the importer: something missing, a repair made, a note on detection. */
export interface Diagnostic {
  /** Stable machine code, e.g. `CELL_INFERRED`, `DIGITS_SPLIT_AMBIGUOUS`, `TABLE_MISSING`. */
  code: string;
  severity: Severity;
  /** 简体中文. */
  message: string;
  cell?: CellId;
  cells?: CellId[];
  where?: Where;
  details?: Record<string, unknown>;
}

/** How a cell's value was obtained. */
export type CellMethod =
  /** Read as printed, the number of values matched the columns. */
  | 'direct'
  /** Read by position in a row that was cut off or had explicit cells. */
  | 'positional'
  /** A run of digits split into cells by the table's identities (one split fits). */
  | 'split'
  /** Several splits fitted; this one was chosen by the column identities. */
  | 'chosen'
  /** Not printed (lost in extraction); computed from the row or column identity. */
  | 'inferred';

export type Confidence = 'high' | 'medium' | 'low';

/** Per-cell provenance. */
export interface CellSource {
  cell: CellId;
  /** 简体中文 label of the cell (表三 一、本年新收… · 自然人). */
  label: string;
  value: number | null;
  /** The printed text ("+19", "240万元", "—", ""); undefined for inferred cells. */
  raw?: string;
  where?: Where;
  method: CellMethod;
  confidence: Confidence;
}

export interface Detection<T> {
  value: T;
  /** Why, in 简体中文. */
  reason: string;
  where?: Where;
}

export interface IngestDiagnostics {
  kind: Detection<InputKind>;
  edition: Detection<EditionId> & { evidence: string[] };
  year: Detection<number | null>;
  agency: Detection<string | null>;
  title: Detection<string | null>;
  /** Per cell: value, raw text, where, method, confidence. */
  cells: Record<CellId, CellSource>;
  /** What is missing and every repair made. */
  issues: Diagnostic[];
  summary: {
    cellsExpected: number;
    cellsFound: number;
    cellsBlank: number;
    cellsInferred: number;
    cellsRepaired: number;
    cellsMissing: number;
    tablesFound: number;
    sectionsFound: number;
  };
}

export interface IngestResult {
  report: Report;
  diagnostics: IngestDiagnostics;
  /** The plain text the tables and sections were read from (for PDF/HTML/DOCX: reconstructed). */
  text: string;
}

export interface IngestOptions {
  kind?: InputKind;
  filename?: string;
  /** Refuse inputs larger than this many bytes (default 20 MB) with `INGEST_TOO_LARGE`. */
  maxBytes?: number;
  /** Stop PDF reading after this many pages (default 200). */
  maxPages?: number;
}
