/**
 * JSON.parse keeps the last of two equal keys in one object and says nothing: a report file with a
 * cell given twice (a generator's bug, a hand merge) would lose the first value without trace. This
 * walks JSON text — already known to be valid — and finds every key given twice in one object.
 */

export interface DuplicateKey {
  /** The path of the key (a cell id is one segment, dots and all; array items are numbers). */
  readonly segments: readonly (string | number)[];
  /** The JSON text of the first value, as written. */
  readonly first: string;
  /** The JSON text of the later value, as written (the one JSON.parse keeps). */
  readonly second: string;
}

/** At most this many duplicates are reported (a file with thousands says enough with the first). */
const MAX_REPORTED = 20;

/**
 * The keys given twice in one object of `text`, in the order met (empty when none). `text` must be
 * valid JSON (JSON.parse accepted it); on anything else the result is undefined.
 */
export function duplicateKeys(text: string): DuplicateKey[] | undefined {
  const out: DuplicateKey[] = [];
  let i = 0;
  const n = text.length;
  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else return;
    }
  };
  /** Skips a string starting at the quote; returns its decoded text when `decode`. */
  const string = (decode: boolean): string => {
    const start = i;
    i++;
    let escaped = false;
    for (;;) {
      if (i >= n) throw new Error('unterminated');
      const c = text.charCodeAt(i);
      if (c === 34) break;
      if (c === 92) {
        escaped = true;
        i += 2;
      } else i++;
    }
    i++;
    if (!decode) return '';
    const lit = text.slice(start, i);
    return escaped ? (JSON.parse(lit) as string) : lit.slice(1, -1);
  };
  const value = (path: (string | number)[]): void => {
    ws();
    const c = text.charCodeAt(i);
    if (c === 123) {
      // {
      i++;
      ws();
      if (text.charCodeAt(i) === 125) {
        i++;
        return;
      }
      const seen = new Map<string, [number, number]>();
      for (;;) {
        ws();
        const key = string(true);
        ws();
        i++; // :
        ws();
        const start = i;
        path.push(key);
        value(path);
        const end = i;
        const before = seen.get(key);
        if (before && out.length < MAX_REPORTED)
          out.push({
            segments: [...path],
            first: text.slice(before[0], before[1]),
            second: text.slice(start, end),
          });
        path.pop();
        // the later one wins, as in JSON.parse: a third is compared with the second
        seen.set(key, [start, end]);
        ws();
        if (text.charCodeAt(i) === 44) {
          i++;
          continue;
        }
        i++; // }
        return;
      }
    }
    if (c === 91) {
      // [
      i++;
      ws();
      if (text.charCodeAt(i) === 93) {
        i++;
        return;
      }
      for (let k = 0; ; k++) {
        path.push(k);
        value(path);
        path.pop();
        ws();
        if (text.charCodeAt(i) === 44) {
          i++;
          continue;
        }
        i++; // ]
        return;
      }
    }
    if (c === 34) {
      string(false);
      return;
    }
    // a number, true, false or null: up to the next delimiter
    while (i < n) {
      const d = text.charCodeAt(i);
      if (d === 44 || d === 125 || d === 93 || d === 32 || d === 9 || d === 10 || d === 13) break;
      i++;
    }
  };
  try {
    value([]);
  } catch {
    return undefined;
  }
  return out;
}
