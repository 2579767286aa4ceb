import { z } from 'zod';

const zhCN = z.locales.zhCN().localeError!;

const TYPE_ZH: Readonly<Record<string, string>> = {
  string: '文本',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '是或否（true/false）',
  object: '对象',
  record: '对象',
  array: '数组',
  tuple: '数组',
  null: '空值（null）',
  undefined: '空缺',
  nan: 'NaN',
  date: '日期',
  map: '对象',
  set: '数组',
};

/** What was sent, for the message: the value itself when it is short. */
function sent(input: unknown): string {
  if (input === null) return '空值（null）';
  if (Array.isArray(input)) return '数组';
  switch (typeof input) {
    case 'number':
      return Number.isNaN(input) ? 'NaN' : String(input);
    case 'string':
      return input.length <= 20 ? `文本“${input}”` : '文本';
    case 'boolean':
      return String(input);
    case 'object':
      return '对象';
    default:
      return TYPE_ZH[typeof input] ?? typeof input;
  }
}

const show = (v: unknown) => (typeof v === 'string' ? `“${v}”` : String(v));

/**
 * zod's messages in plain 简体中文 for people: zod's own zh-CN locale leaves type names in English
 * (「期望 int，实际接收 数字」「期望 string <=100 字符」). This map says 「应为整数，实际为 1.5」
 * 「最多 100 个字符」 and falls back to that locale for the rest. Used by `parseReport` and by the
 * server for every input.
 */
export const zhErrorMap: z.core.$ZodErrorMap = (issue) => {
  const i = issue as unknown as Record<string, unknown> & { code: string; input?: unknown };
  switch (i.code) {
    case 'invalid_type': {
      const expected = TYPE_ZH[String(i.expected)] ?? String(i.expected);
      if (i.input === undefined) return `缺少此项（应为${expected}）`;
      const got = sent(i.input);
      return `应为${expected}，实际为${/^[\w-]/.test(got) ? ' ' : ''}${got}`;
    }
    case 'too_big': {
      const max = String(i.maximum);
      if (i.origin === 'string') return `最多 ${max} 个字符`;
      if (i.origin === 'array' || i.origin === 'set') return `最多 ${max} 项`;
      return i.inclusive ? `不能大于 ${max}` : `应小于 ${max}`;
    }
    case 'too_small': {
      const min = String(i.minimum);
      if (i.origin === 'string') return min === '1' ? '不能为空' : `至少 ${min} 个字符`;
      if (i.origin === 'array' || i.origin === 'set') return `至少 ${min} 项`;
      return i.inclusive ? `不能小于 ${min}` : `应大于 ${min}`;
    }
    case 'invalid_value': {
      const values = (i.values as unknown[] | undefined) ?? [];
      return values.length === 1 ? `应为 ${show(values[0])}` : `应为以下之一：${values.map(show).join('、')}`;
    }
    case 'unrecognized_keys':
      return `不认识的字段：${((i.keys as string[] | undefined) ?? []).join('、')}`;
    case 'invalid_union':
      return '不符合任何一种允许的写法';
    case 'not_multiple_of':
      return i.divisor === 1 ? '应为整数' : `应为 ${String(i.divisor)} 的倍数`;
    default:
      return zhCN(issue);
  }
};
