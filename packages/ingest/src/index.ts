export { detectKind, ingest, ingestSync } from './ingest.js';
export { oldOfficeFile } from './input.js';
export { describeWhere, reflow } from './parse.js';
export { htmlMarkup } from './sniff.js';
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
