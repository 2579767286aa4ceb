import type { Report } from '@nianbao/core';
import fc from 'fast-check';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { seedReport, tick } from '../test-support/reports.js';
import { Editor } from './Editor.js';
import { handleKey, hasUnsaved, initialState, splitChunk, typedKeys, viewReport } from './state.js';

/**
 * Keys typed before the editor listens (`nianbao edit FILE` loading the report, the first frame being
 * drawn) reach it as one text. They used to be read as one chunk and, with a Tab or an Enter followed
 * by more, taken for a pasted block: 「l7⏎3⏎」 pasted 3 into the row below and the l and the 7 were gone;
 * 「5⇥」 blanked 商业企业. edit.ts now collects them and the editor carries them out key by key.
 */

function editor(opts: { typedAhead?: string }) {
  let unsaved: Report | null = null;
  let taken = 0;
  const r = render(
    <Editor
      report={seedReport()}
      fileLabel="seed.json"
      width={120}
      height={34}
      color={false}
      save={() => 'seed.json'}
      editSections={() => ({})}
      onQuit={() => {}}
      onUnsaved={(rep) => {
        unsaved = rep;
      }}
      {...(opts.typedAhead !== undefined
        ? {
            takeTypedAhead: () => {
              taken++;
              return opts.typedAhead ?? '';
            },
          }
        : {})}
    />,
  );
  return { ...r, unsaved: () => unsaved, taken: () => taken };
}

async function frameHas(lastFrame: () => string | undefined, want: string): Promise<string> {
  const until = Date.now() + 5000;
  for (;;) {
    const f = lastFrame() ?? '';
    if (f.includes(want)) return f;
    if (Date.now() > until) {
      expect(f).toContain(want);
      return f;
    }
    await tick(10);
  }
}

/** The state after pressing each key alone, as if typed after the editor was ready. */
function oneByOne(text: string) {
  let s = initialState(seedReport());
  for (const k of typedKeys(text).keys) s = handleKey(s, k).state;
  return s;
}

describe('keys typed before the editor listens', () => {
  it('typedKeys: 「l7\\r3\\r」 is five keys, where the chunk read as it came was a pasted block', () => {
    expect(splitChunk('l7\r3\r', {})).toEqual([{ input: '', paste: 'l7\r3\r' }]);
    expect(typedKeys('l7\r3\r').keys).toEqual([
      { input: 'l' },
      { input: '7' },
      { input: '', return: true },
      { input: '3' },
      { input: '', return: true },
    ]);
    expect(typedKeys('5\t\u001b[B\u001b[A\u001b[Z\u007f\n\u0003').keys).toEqual([
      { input: '5' },
      { input: '', tab: true },
      { input: '', downArrow: true },
      { input: '', upArrow: true },
      { input: '', tab: true, shift: true },
      { input: '', backspace: true },
      { input: '', return: true },
      { input: 'c', ctrl: true },
    ]);
    // F5 is no key of the editor: left out and counted, never typed into a cell
    expect(typedKeys('\u001b[15~7')).toEqual({ keys: [{ input: '7' }], unknown: 1 });
  });

  it('the editor carries out what was typed ahead key by key, in order, once: l 7 ⏎ 3 ⏎ → 商业企业 3', async () => {
    const e = editor({ typedAhead: 'l7\r3\r' });
    const f = await frameHas(e.lastFrame, '一、本年新收政府信息公开申请数量 · 商业企业 = 3');
    expect(f).toContain('●未保存');
    expect(e.unsaved()).toEqual(viewReport(oneByOne('l7\r3\r')));
    expect(e.taken()).toBe(1);
    // 二、上年结转 untouched (the chunk read as a paste put 3 there)
    expect(f.split('\n').find((l) => l.startsWith('二、上年结转'))).toMatch(/^二、上年结转\S*\s+0\s+0!?\s/);
  });

  it('5 ⇥ typed ahead: 5 into 自然人, then Tab as a key — 商业企业 not blanked', async () => {
    const e = editor({ typedAhead: '5\t' });
    const f = await frameHas(e.lastFrame, '商业企业 = 0');
    expect(f.split('\n').find((l) => l.startsWith('一、本年新收'))).toMatch(/^一、本年新收\S*\s+5!?\[\s+0\]/);
  });

  it('a key the editor does not know is said on the status line', async () => {
    const e = editor({ typedAhead: '\u001b[15~' });
    await frameHas(e.lastFrame, '打开时输入的按键中有 1 个本编辑器不认识');
  });

  it('any keys typed ahead end as the same keys pressed one by one end (fast-check)', async () => {
    const key = fc.constantFrom(
      '0',
      '1',
      '7',
      '9',
      'l',
      'h',
      'j',
      'k',
      '\t',
      '\r',
      '\u001b[B',
      '\u001b[C',
      'x',
      'u',
      '\u007f',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(key, { minLength: 2, maxLength: 10 }), async (keys) => {
        const text = keys.join('');
        const want = oneByOne(text);
        const e = editor({ typedAhead: text });
        for (let i = 0; i < 100 && e.taken() === 0; i++) await tick(5);
        expect(e.taken()).toBe(1);
        expect(e.unsaved()).toEqual(hasUnsaved(want) ? viewReport(want) : null);
        e.unmount();
      }),
      { numRuns: 25 },
    );
  });
});
