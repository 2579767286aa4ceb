import { vi } from 'vitest';

/**
 * Run `work` with every reading of `performance.now()` 20 ms after the last — each step of a
 * sliced loop "takes" longer than the 10 ms slice after which others are let in, as a province's
 * reports do — and count the turns of the event loop meanwhile: each one a moment another user's
 * request could be read and answered (on SQLite every read is synchronous: without slices, none).
 */
export async function turnsDuring<T>(work: () => Promise<T>): Promise<{ result: T; turns: number }> {
  let clock = performance.now();
  const now = vi.spyOn(performance, 'now').mockImplementation(() => (clock += 20));
  let turns = 0;
  let running = true;
  const tick = () => {
    if (!running) return;
    turns++;
    setImmediate(tick);
  };
  try {
    setImmediate(tick);
    const result = await work();
    return { result, turns };
  } finally {
    running = false;
    now.mockRestore();
  }
}
