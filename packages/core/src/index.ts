export * from './aggregate.js';
export * from './cell-input.js';
export { type ComparableItem, comparableItems, type NotComparable, roundHalfUp } from './common.js';
export * from './compare.js';
export * from './derive.js';
export { editDistance } from './edit-distance.js';
export * from './editions/index.js';
export * from './examples.js';
export * from './fixes.js';
export * from './identities.js';
export { type DuplicateKey, duplicateKeys } from './json-keys.js';
export { jsonProblem } from './json-problem.js';
export * from './lifecycle.js';
export * from './model.js';
export {
  type PasteChange,
  type PastedGrid,
  type PasteLayout,
  type PastePlan,
  type PasteResult,
  type PasteRowWidth,
  type PasteTable,
  type PasteTableLabels,
  type PasteTarget,
  parseTsv,
  pasteBlock,
  pasteLabelKey,
  pasteLayout,
  pasteSummary,
  pasteTableLabels,
  planPaste,
  splitPastedText,
} from './paste.js';
export * from './places.js';
export * from './rules/index.js';
export * from './seed.js';
export * from './summary.js';
export {
  charName,
  firstRefusedChar,
  hasSpecialChars,
  normaliseLineBreaks,
  type RefusedChar,
  removeRefusedChars,
} from './text-chars.js';
export * from './validate.js';
export * from './versions.js';
export * from './zh-errors.js';
