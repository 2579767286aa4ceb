import { describe, expect, it } from 'vitest';
import { regionalCellCount, regionalCheckText } from './regionalCheck';

describe('the roll-up page’s regional check line', () => {
  it('counts the cells of 表三 and 表四 from the edition', () => {
    expect(regionalCellCount('2021')).toBe(190);
    expect(regionalCellCount('2019-trial')).toBe(176);
  });
  it('says how many cells could not be compared, not 「2 项中 2 项不同」 alone', () => {
    expect(regionalCheckText(190, 2, 2)).toBe(
      '表三、表四共 190 项，其中 188 项有空白未能比较；可比较的 2 项中 2 项不同',
    );
    expect(regionalCheckText(190, 2, 0)).toBe(
      '表三、表四共 190 项，其中 188 项有空白未能比较；可比较的 2 项均一致',
    );
    expect(regionalCheckText(190, 190, 3)).toBe('表三、表四共 190 项，其中 3 项不同');
    expect(regionalCheckText(190, 190, 0)).toBe('表三、表四共 190 项，均一致');
    expect(regionalCheckText(190, 0, 0)).toBe('表三、表四共 190 项，均有空白，未能比较');
  });
});
