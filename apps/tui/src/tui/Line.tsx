import { Text } from 'ink';
import { truncate, width } from '../lib/text.js';

/** A piece of a screen line with its style; styles are dropped when colours are off. */
export interface Seg {
  readonly text: string;
  readonly color?: string;
  readonly inverse?: boolean;
  readonly bold?: boolean;
  readonly dim?: boolean;
}

/**
 * Cut a line's segments to at most `w` columns (our own cut, which never splits a wide character:
 * a line Ink cut in the middle of one came out a column too wide, and the terminal wrapped it,
 * scrolling the title off the screen).
 */
export function fit(segs: readonly Seg[], w: number): Seg[] {
  const out: Seg[] = [];
  let left = w;
  for (const s of segs) {
    if (left <= 0) break;
    const sw = width(s.text);
    if (sw <= left) {
      out.push(s);
      left -= sw;
    } else {
      out.push({ ...s, text: truncate(s.text, left) });
      left = 0;
    }
  }
  return out;
}

export function Line({ segs, color }: { segs: readonly Seg[]; color: boolean }) {
  if (!segs.length) return <Text> </Text>;
  return (
    <Text wrap="truncate">
      {segs.map((s, i) =>
        color ? (
          <Text
            // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional
            key={i}
            {...(s.color ? { color: s.color } : {})}
            inverse={s.inverse ?? false}
            bold={s.bold ?? false}
            dimColor={s.dim ?? false}
          >
            {s.text}
          </Text>
        ) : (
          s.text
        ),
      )}
    </Text>
  );
}
