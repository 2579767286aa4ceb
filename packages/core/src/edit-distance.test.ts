import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance } from './edit-distance.js';

describe('editDistance', () => {
  it('counts typed, left out, changed and swapped characters, by code point', () => {
    expect(editDistance('check', 'check')).toBe(0);
    expect(editDistance('chek', 'check')).toBe(1);
    expect(editDistance('chekc', 'check')).toBe(1); // two swapped
    expect(editDistance('newRecieved', 'newReceived')).toBe(1);
    expect(editDistance('示例县教育局', '示例县教育厅')).toBe(1);
    expect(editDistance('', '东山镇')).toBe(3);
    expect(editDistance('😀a', 'a')).toBe(1);
  });

  it('is a distance: zero only for the same string, symmetric, at most the longer length', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const d = editDistance(a, b);
        expect(d === 0).toBe(a === b);
        expect(editDistance(b, a)).toBe(d);
        expect(d).toBeLessThanOrEqual(Math.max([...a].length, [...b].length));
        expect(d).toBeGreaterThanOrEqual(Math.abs([...a].length - [...b].length));
      }),
    );
  });

  it('one edit more is at most one more', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string({ minLength: 1, maxLength: 1 }), (a, b, c) => {
        expect(editDistance(a + c, b)).toBeLessThanOrEqual(editDistance(a, b) + 1);
      }),
    );
  });
});
