import { cellRules } from './cells.js';
import { crossYearRules } from './crossYear.js';
import { narrativeRules } from './narrative.js';
import { plausibilityRules } from './plausibility.js';
import { publicationRules } from './publication.js';
import { structureRules } from './structure.js';
import type { Rule } from './types.js';

/** The catalogue: every rule of domain.md §6 decidable from report data, in the spec's order. */
export const RULES: readonly Rule[] = [
  ...structureRules,
  ...cellRules,
  ...plausibilityRules,
  ...narrativeRules,
  ...crossYearRules,
  ...publicationRules,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.meta.id, r]));

export { textSimilarity } from './crossYear.js';
export { N1_PHRASES } from './narrative.js';
export * from './types.js';
