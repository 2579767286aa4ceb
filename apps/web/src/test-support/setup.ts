import { configure } from '@testing-library/react';

// waitFor / findBy* wait for what the page shows after its queries answer. Alone that takes a few
// hundred ms; CI runs every suite at once on 2 cores, and the default 1 s let tests read a page
// still loading (「正在载入上年的报告…」, a run of versions not yet folded). A wait that ends when the
// page is right costs nothing when it is quick; the limit is there for a page that never gets right.
configure({ asyncUtilTimeout: 10_000 });

// jsdom has neither: the editor measures its bars with a ResizeObserver and scrolls a cell reached by
// a key into view. A test that needs them to do something replaces them itself.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as never;
Element.prototype.scrollIntoView ??= () => {};
