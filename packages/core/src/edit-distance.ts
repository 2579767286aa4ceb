/**
 * Edits — a character typed, left out or changed, or two neighbours swapped — that turn `a` into
 * `b` (optimal string alignment), by code point: 「示例县教育局」 and 「示例县教育厅」 are 1 apart. What every
 * 「是不是 …？」 suggestion of the clients and the server is ranked by: a mistyped command, agency
 * name or cell id.
 */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  // rows i-2, i-1 and i of the table
  let older: number[] = [];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1])
        v = Math.min(v, older[j - 2]! + 1);
      row[j] = v;
    }
    older = prev;
    prev = row;
  }
  return prev[y.length]!;
}
