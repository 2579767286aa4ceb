/** Display width helpers for terminal output: CJK and full-width characters take two columns. */

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Columns a string takes in a terminal (no escape sequences expected). */
export function width(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || (cp >= 0x300 && cp <= 0x36f) || cp === 0x200b) continue;
    w += isWide(cp) ? 2 : 1;
  }
  return w;
}

/** Cut to at most `max` columns, ending with `…` when cut. */
export function truncate(s: string, max: number): string {
  if (max <= 0) return '';
  if (width(s) <= max) return s;
  let out = '';
  let w = 0;
  for (const ch of s) {
    const cw = width(ch);
    if (w + cw > max - 1) break;
    out += ch;
    w += cw;
  }
  return `${out}…`;
}

/**
 * Cut to at most `max` columns in the middle, keeping the start and, longer, the end: file names
 * differ at the end (huaian-hongze-2023.pdf, huaian-hongze-2024.pdf).
 */
export function truncateMiddle(s: string, max: number): string {
  if (max <= 0) return '';
  if (width(s) <= max) return s;
  if (max < 8) return truncate(s, max);
  const room = max - 1;
  const headW = Math.floor(room / 3);
  let head = '';
  let w = 0;
  for (const ch of s) {
    if (w + width(ch) > headW) break;
    head += ch;
    w += width(ch);
  }
  const chars = [...s];
  let tail = '';
  let tw = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    const cw = width(chars[i]!);
    if (w + tw + cw > room) break;
    tail = chars[i]! + tail;
    tw += cw;
  }
  return `${head}…${tail}`;
}

/**
 * A bar of key hints (「f 问题 · w 保存 · ? 帮助」) in at most `max` columns. Where they do not all fit,
 * the hints with the highest `drop` go first (0: never dropped), the others keep their order; what
 * still does not fit is cut at the end, the hints marked `first` moved to the front beforehand so
 * that how to get help is the last thing lost.
 */
export function keyBar(
  hints: readonly { readonly text: string; readonly drop?: number; readonly first?: boolean }[],
  max: number,
): string {
  const sep = ' · ';
  let kept = [...hints];
  const join = (xs: typeof kept) => xs.map((h) => h.text).join(sep);
  while (width(join(kept)) > max) {
    const worst = Math.max(...kept.map((h) => h.drop ?? 0));
    if (worst <= 0) break;
    const at = kept.findLastIndex((h) => (h.drop ?? 0) === worst);
    kept = kept.filter((_, i) => i !== at);
  }
  if (width(join(kept)) <= max) return join(kept);
  return truncate(join([...kept.filter((h) => h.first), ...kept.filter((h) => !h.first)]), max);
}

/** The first at most `max` columns of a string, and the rest. */
export function splitWidth(s: string, max: number): [string, string] {
  let head = '';
  let w = 0;
  for (const ch of s) {
    const cw = width(ch);
    if (w + cw > max) break;
    head += ch;
    w += cw;
  }
  return [head, s.slice(head.length)];
}

/** Pad (or cut) to exactly `n` columns, text on the left. */
export function padEnd(s: string, n: number): string {
  const t = truncate(s, n);
  return t + ' '.repeat(Math.max(0, n - width(t)));
}

/** Pad (or cut) to exactly `n` columns, text on the right. */
export function padStart(s: string, n: number): string {
  const t = truncate(s, n);
  return ' '.repeat(Math.max(0, n - width(t))) + t;
}

/** A plain table: first row is the header; `align` r = right. */
export function table(rows: readonly (readonly string[])[], align: readonly ('l' | 'r')[] = []): string {
  const widths: number[] = [];
  for (const r of rows)
    r.forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, width(c));
    });
  return rows
    .map((r) =>
      r
        .map((c, i) =>
          align[i] === 'r' ? padStart(c, widths[i]!) : i === r.length - 1 ? c : padEnd(c, widths[i]!),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
