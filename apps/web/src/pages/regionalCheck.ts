import { type EditionId, getEdition } from '@nianbao/core';

/** How many cells 表三 and 表四 have in an edition (what the regional check goes over). */
export function regionalCellCount(edition: EditionId): number {
  return getEdition(edition).cells.filter((c) => c.table === 'applications' || c.table === 'reviewLitigation')
    .length;
}

/**
 * The regional check said with what it could not compare (a blank on either side is not compared):
 * 「表三、表四共 190 项，其中 188 项有空白未能比较；可比较的 2 项中 2 项不同」.
 */
export function regionalCheckText(total: number, compared: number, differences: number): string {
  const blank = Math.max(0, total - compared);
  const result = differences ? `${differences} 项不同` : '均一致';
  if (!blank) return `表三、表四共 ${total} 项，${differences ? `其中 ${result}` : result}`;
  if (!compared) return `表三、表四共 ${total} 项，均有空白，未能比较`;
  return `表三、表四共 ${total} 项，其中 ${blank} 项有空白未能比较；可比较的 ${compared} 项${differences ? `中 ${result}` : '均一致'}`;
}
