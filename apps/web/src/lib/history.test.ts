import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AUTOSAVE_NOTE, groupVersions, isAutosave, MIN_RUN, timeSpan, type VersionLike } from './history';

const at = (minute: number) => new Date(2026, 10, 30, 10, minute).toISOString();

/** Versions 1..n of the given shapes, in order. */
const versions = (shapes: { auto: boolean; author: string; note?: string }[]): VersionLike[] =>
  shapes.map((s, i) => ({
    version: i + 1,
    kind: s.auto || s.note ? 'save' : i === 0 ? 'create' : 'import',
    note: s.auto ? AUTOSAVE_NOTE : (s.note ?? null),
    reason: null,
    author: s.author,
    authorId: s.author,
    createdAt: at(i),
  }));

const shapes = fc.array(
  fc.record({
    auto: fc.boolean(),
    author: fc.constantFrom('u1', 'u2'),
    note: fc.option(fc.constantFrom('保存', '改写合计'), { nil: undefined }),
  }),
  { maxLength: 60 },
);

describe('groupVersions: runs of autosaves in the 历史版本 list', () => {
  it('groups 37 autosaves of one author between an import and a submit into one run; the steps stay rows', () => {
    const vs = versions([
      { auto: false, author: 'u1' }, // 1 新建
      { auto: false, author: 'u1' }, // 2 导入
      { auto: false, author: 'u1', note: '保存' }, // 3 manual save
      { auto: false, author: 'u1', note: '改写合计' }, // 4 a save with a note
      ...Array.from({ length: 37 }, () => ({ auto: true, author: 'u1' })), // 5..41
    ]);
    const items = groupVersions(vs, (v) => v === 41);
    expect(
      items.map((i) =>
        i.type === 'run' ? `${i.versions[0]!.version}–${i.versions.at(-1)!.version}` : i.version.version,
      ),
    ).toEqual([1, 2, 3, 4, '5–41']);
  });

  it('a workflow step inside a run ends it there (the step is the newest of its run); another author starts a new run', () => {
    const vs = versions([
      ...Array.from({ length: 5 }, () => ({ auto: true, author: 'u1' })), // 1..5, 提交 at 3
      ...Array.from({ length: 4 }, () => ({ auto: true, author: 'u2' })), // 6..9
    ]);
    const items = groupVersions(vs, (v) => v === 3);
    expect(
      items.map((i) => (i.type === 'run' ? i.versions.map((v) => v.version) : i.version.version)),
    ).toEqual([[1, 2, 3], 4, 5, [6, 7, 8, 9]]);
  });

  it('for any history: every version once, in order; each run is ≥3 consecutive autosaves of one author with a step at most at its newest; runs are as long as they can be', () => {
    fc.assert(
      fc.property(shapes, fc.array(fc.nat(60), { maxLength: 8 }), (s, steps) => {
        const vs = versions(s);
        const hasStep = (v: number) => steps.includes(v);
        const items = groupVersions(vs, hasStep);
        const flat = items.flatMap((i) => (i.type === 'run' ? i.versions : [i.version]));
        expect(flat.map((v) => v.version)).toEqual(vs.map((v) => v.version));
        const canFollow = (a: VersionLike, b: VersionLike) =>
          isAutosave(a) &&
          isAutosave(b) &&
          b.version === a.version + 1 &&
          a.authorId === b.authorId &&
          !hasStep(a.version);
        for (const [k, item] of items.entries()) {
          if (item.type === 'run') {
            expect(item.versions.length).toBeGreaterThanOrEqual(MIN_RUN);
            for (let j = 1; j < item.versions.length; j++)
              expect(canFollow(item.versions[j - 1]!, item.versions[j]!)).toBe(true);
            // maximal: neither neighbour could have joined it
            const before = items[k - 1];
            const after = items[k + 1];
            const prev = before?.type === 'run' ? before.versions.at(-1) : before?.version;
            const next = after?.type === 'run' ? after.versions[0] : after?.version;
            if (prev) expect(canFollow(prev, item.versions[0]!)).toBe(false);
            if (next) expect(canFollow(item.versions.at(-1)!, next)).toBe(false);
          }
        }
        // no three single rows in a row that would have made a run
        for (let k = 2; k < items.length; k++) {
          const [a, b, c] = [items[k - 2]!, items[k - 1]!, items[k]!];
          if (a.type === 'version' && b.type === 'version' && c.type === 'version')
            expect(canFollow(a.version, b.version) && canFollow(b.version, c.version)).toBe(false);
        }
      }),
    );
  });
});

describe('timeSpan', () => {
  it('one date and two clock times within a day; both dates across days', () => {
    expect(
      timeSpan(new Date(2026, 10, 30, 10, 2).toISOString(), new Date(2026, 10, 30, 10, 41).toISOString()),
    ).toBe('2026/11/30 10:02–10:41');
    expect(
      timeSpan(new Date(2026, 10, 30, 23, 50).toISOString(), new Date(2026, 11, 1, 0, 5).toISOString()),
    ).toBe('2026/11/30 23:50 – 2026/12/1 00:05');
  });
});
