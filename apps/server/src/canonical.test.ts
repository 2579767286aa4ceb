import { exampleReport } from '@nianbao/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash } from './store.js';

// The way versions were hashed before canonicalJson was rewritten without copies: stored hashes must
// stay valid, so the two must agree byte for byte on everything.
const byKey = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);
const sortKeys = (_key: string, v: unknown): unknown =>
  v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(byKey)) : v;
const reference = (v: unknown) => JSON.stringify(v, sortKeys) ?? 'null';

describe('canonicalJson', () => {
  it('is JSON.stringify with sorted keys, for any JSON value (and undefined, NaN, dates)', () => {
    const extra = fc.oneof(
      fc.constant(undefined),
      fc.constant(Number.NaN),
      fc.constant(-0),
      fc.date({ noInvalidDate: true }),
    );
    const value = fc.letrec((tie) => ({
      any: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue(),
        extra,
        fc.array(tie('any'), { maxLength: 4 }),
        fc.dictionary(
          fc.oneof(fc.string({ unit: 'binary', maxLength: 6 }), fc.nat(20).map(String)),
          tie('any'),
          {
            maxKeys: 5,
          },
        ),
      ),
    })).any;
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(v)).toBe(reference(v));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives a report the same text and hash whatever order its keys came in', () => {
    const r = exampleReport({ year: 2022 });
    const reversed = JSON.parse(JSON.stringify(r), (_k, v) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
    );
    expect(JSON.stringify(reversed)).not.toBe(JSON.stringify(r));
    expect(canonicalJson(reversed)).toBe(canonicalJson(r));
    expect(contentHash(reversed)).toBe(contentHash(r));
    expect(canonicalJson(r)).toBe(reference(r));
  });
});
