import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from './ErrorBoundary.js';

function Boom(): never {
  throw new Error('单元格编号无效\n    at Boom (x.js:1:1)');
}

describe('ErrorBoundary', () => {
  it('shows one line instead of a stack trace and reports the error', () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const seen: string[] = [];
    const { lastFrame } = render(
      <ErrorBoundary onError={(m) => seen.push(m)}>
        <Boom />
      </ErrorBoundary>,
    );
    quiet.mockRestore();
    expect(lastFrame()).toBe('nianbao：终端界面出错：单元格编号无效');
    expect(seen).toEqual(['单元格编号无效']);
  });
});
