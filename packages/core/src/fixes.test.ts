import { describe, expect, it } from 'vitest';
import { derive } from './derive.js';
import { EDITION_IDS } from './editions/index.js';
import { exampleReport } from './examples.js';
import { fixesFor, identityKeyOf, suggestFixes } from './fixes.js';
import { evaluateIdentity, identities } from './identities.js';
import { setCell } from './model.js';
import { validate } from './validate.js';

const TABLE_RULES = new Set(['T3-H', 'T3-V', 'T3-B', 'T4-1']);

describe('identityKeyOf: a finding of a table rule by the key suggestFixes resolves', () => {
  it.each(EDITION_IDS)(
    'every identity of %s, failed (all its cells) or unchecked (any one blank)',
    (edition) => {
      for (const i of identities(edition)) {
        const cells = [...i.lhs, ...i.rhs];
        expect(identityKeyOf({ ruleId: i.ruleId, cells }, edition)).toBe(i.key);
        for (const c of cells) expect(identityKeyOf({ ruleId: i.ruleId, cells: [c] }, edition)).toBe(i.key);
      }
    },
  );

  it('none for another rule’s finding, a finding without cells, or cells of two identities', () => {
    const [a, b] = identities('2021').filter((i) => i.ruleId === 'T3-H');
    expect(identityKeyOf({ ruleId: 'X1', cells: [a!.lhs[0]!] }, '2021')).toBeUndefined();
    expect(identityKeyOf({ ruleId: 'T3-H', cells: [] }, '2021')).toBeUndefined();
    expect(identityKeyOf({ ruleId: 'T3-H', cells: [a!.lhs[0]!, b!.lhs[0]!] }, '2021')).toBeUndefined();
  });

  it('the findings validate gives and the fixes suggestFixes gives meet by it (a typo; a blank recoverable)', () => {
    for (const year of [2020, 2024]) {
      // a typo in a part of 表三: its row total follows (derive), the column balance (T3-B) fails
      const base = exampleReport({ year });
      const cell = 'applications.newReceived.naturalPerson';
      const typed = derive(setCell(base, cell, (base.cells[cell]!.value as number) + 9)).report;
      const edition = typed.meta.edition;
      const failing = validate(typed).filter((f) => TABLE_RULES.has(f.ruleId) && f.status === 'failed');
      expect(failing.length).toBeGreaterThan(0);
      const value = (id: string) => typed.cells[id as never]?.value;
      const failed = identities(edition)
        .filter((i) => evaluateIdentity(i, value).status === 'failed')
        .map((i) => i.key);
      expect(failing.map((f) => identityKeyOf(f, edition)).sort()).toEqual([...failed].sort());
      const fixes = suggestFixes(typed);
      for (const f of failing) {
        const mine = fixesFor(f, fixes, edition);
        expect(mine.length).toBeGreaterThan(0);
        for (const fix of mine) expect(fix.resolves).toContain(identityKeyOf(f, edition));
      }
      // the top fix resolves only identities some finding names
      const named = new Set(failing.map((f) => identityKeyOf(f, edition)));
      for (const k of fixes[0]!.resolves) expect(named.has(k)).toBe(true);

      // a part left blank: the row's check is unchecked, and a fix recovers it from the balance
      const blank = setCell(base, 'applications.carriedOver.naturalPerson', null);
      const unchecked = validate(blank).filter((f) => f.ruleId === 'T3-B' && f.status === 'unchecked');
      expect(unchecked).toHaveLength(1);
      const recovered = fixesFor(unchecked[0]!, suggestFixes(blank), edition);
      expect(recovered[0]!.changes).toEqual([
        expect.objectContaining({
          cell: 'applications.carriedOver.naturalPerson',
          from: null,
          to: base.cells['applications.carriedOver.naturalPerson']!.value,
        }),
      ]);
    }
    // a finding of another rule has no fix here
    expect(fixesFor({ ruleId: 'X1', cells: [] }, [], '2021')).toEqual([]);
  });
});
