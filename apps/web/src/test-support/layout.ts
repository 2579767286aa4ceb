/**
 * Stand-ins for what jsdom does not lay out: a ResizeObserver whose callbacks a test fires itself
 * (`grown()`: the bars changed height), and a scrollIntoView that records the elements scrolled to.
 * `restore()` puts both back; call it in a `finally`.
 */
import { act } from '@testing-library/react';
import { vi } from 'vitest';

export function layoutStandIns() {
  const observers: (() => void)[] = [];
  const RO = globalThis.ResizeObserver;
  globalThis.ResizeObserver = class {
    constructor(cb: () => void) {
      observers.push(cb);
    }
    observe() {}
    unobserve() {}
    disconnect() {}
  } as never;
  const scrolled: Element[] = [];
  const into = vi.spyOn(Element.prototype, 'scrollIntoView').mockImplementation(function (this: Element) {
    scrolled.push(this);
  });
  return {
    /** Every element scrollIntoView was called on, in order; empty it with `scrolled.length = 0`. */
    scrolled,
    /** Fire every ResizeObserver callback, as when the observed bars change height. */
    grown: () =>
      act(() => {
        for (const cb of observers) cb();
      }),
    restore: () => {
      into.mockRestore();
      globalThis.ResizeObserver = RO;
    },
  };
}
