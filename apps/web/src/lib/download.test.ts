import { describe, expect, it } from 'vitest';
import { dispositionFileName } from './download';

describe('dispositionFileName', () => {
  it('takes the UTF-8 name first, then the quoted one, else none', () => {
    const name = '示例县人民政府-2025-开放数据.csv';
    expect(
      dispositionFileName(
        `attachment; filename="opendata.csv"; filename*=UTF-8''${encodeURIComponent(name)}`,
      ),
    ).toBe(name);
    expect(dispositionFileName('attachment; filename="opendata-2025.csv"')).toBe('opendata-2025.csv');
    // A broken escape falls back to the plain name rather than throwing.
    expect(dispositionFileName(`attachment; filename="x.csv"; filename*=UTF-8''%E4%B8`)).toBe('x.csv');
    expect(dispositionFileName('attachment')).toBeUndefined();
    expect(dispositionFileName(null)).toBeUndefined();
  });
});
