import { Text } from 'ink';

/** A piece of a screen line with its style; styles are dropped when colours are off. */
export interface Seg {
  readonly text: string;
  readonly color?: string;
  readonly inverse?: boolean;
  readonly bold?: boolean;
  readonly dim?: boolean;
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
