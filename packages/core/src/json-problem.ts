/**
 * Why a text is not valid JSON, in 简体中文 and whole: where (line and column, counted as an editor
 * counts them) and what stands there — never V8's English, which quotes the file's text up to a
 * line break and so ends mid-quote on one line (「Unexpected token 'o', "not json」).
 */

class Stop {
  constructor(
    readonly offset: number,
    /** What should have stood there, when one thing would do (「:」, 「,」或「}」). */
    readonly expected?: string,
  ) {}
}

const VALUE = '一个值';
const END = '文件结尾';

/** Walk the JSON grammar (RFC 8259); throws a Stop where it breaks. */
function scan(t: string): void {
  let i = 0;
  const ws = () => {
    while (i < t.length && (t[i] === ' ' || t[i] === '\t' || t[i] === '\n' || t[i] === '\r')) i++;
  };
  const expect = (ch: string, what = `「${ch}」`) => {
    if (t[i] !== ch) throw new Stop(i, what);
    i++;
  };
  const digits = () => {
    const start = i;
    while (i < t.length && t[i]! >= '0' && t[i]! <= '9') i++;
    if (i === start) throw new Stop(i, '数字');
  };
  const string = () => {
    expect('"');
    for (;;) {
      if (i >= t.length) throw new Stop(i, '「"」');
      const c = t[i]!;
      if (c === '"') {
        i++;
        return;
      }
      if (c < ' ') throw new Stop(i, '「"」'); // a line break inside a string: a quote left open
      if (c === '\\') {
        const e = t[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(t.slice(i + 2, i + 6))) throw new Stop(i);
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else throw new Stop(i);
      } else i++;
    }
  };
  const value = (): void => {
    ws();
    const c = t[i];
    if (c === '{') {
      i++;
      ws();
      if (t[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (t[i] !== '"') throw new Stop(i, '用双引号括起的名称');
        string();
        ws();
        expect(':');
        value();
        ws();
        if (t[i] === ',') {
          i++;
          continue;
        }
        expect('}', '「,」或「}」');
        return;
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (t[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (t[i] === ',') {
          i++;
          continue;
        }
        expect(']', '「,」或「]」');
        return;
      }
    }
    if (c === '"') {
      string();
      return;
    }
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      if (c === '-') i++;
      if (t[i] === '0') i++;
      else digits();
      if (t[i] === '.') {
        i++;
        digits();
      }
      if (t[i] === 'e' || t[i] === 'E') {
        i++;
        if (t[i] === '+' || t[i] === '-') i++;
        digits();
      }
      return;
    }
    for (const word of ['true', 'false', 'null'])
      if (t.startsWith(word, i)) {
        i += word.length;
        return;
      }
    throw new Stop(i, VALUE);
  };
  value();
  ws();
  if (i < t.length) throw new Stop(i, END);
}

/**
 * Why `text` is not valid JSON (简体中文, one phrase), or undefined when it is: 「在第 1 行第 1 列有无法
 * 识别的内容「not json」」, 「在第 3 行第 14 列应为「,」或「}」，却是「"year"」」, 「在结尾处不完整
 * （第 9 行第 2 列），文件可能被截断」.
 */
export function jsonProblem(text: string): string | undefined {
  try {
    scan(text);
    return undefined;
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    const before = text.slice(0, e.offset);
    const line = before.split('\n').length;
    const column = [...before.slice(before.lastIndexOf('\n') + 1)].length + 1;
    const where = `第 ${line} 行第 ${column} 列`;
    if (e.offset >= text.length) return `在结尾处不完整（${where}），文件可能被截断`;
    // what stands there: up to the end of its line, at most 12 characters, no control character
    const rest = [
      ...text
        .slice(e.offset)
        .split(/[\r\n]/)[0]!
        .replace(/\p{Cc}/gu, '?'),
    ];
    const found = rest.length ? `「${rest.slice(0, 12).join('')}${rest.length > 12 ? '…' : ''}」` : '行尾';
    if (e.expected === END) return `在${where} JSON 已经结束，其后还有内容${found}`;
    return e.expected && e.expected !== VALUE
      ? `在${where}应为${e.expected}，却是${found}`
      : `在${where}有无法识别的内容${found}`;
  }
}
