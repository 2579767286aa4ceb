import { charName, firstRefusedChar } from '@nianbao/core';
import type { z } from 'zod';

/**
 * Free text of people (a 审核人's comment, a correction's reason, a version's note, a display name,
 * a token's name) without the characters a report's text refuses (core's text-chars): control
 * characters hide text or corrupt a file that holds it (a NUL in XML), and bidirectional overrides
 * (U+202E …) show a reader something other than what is stored — 「请修改‮…」 reads backwards, a name
 * 「某局‮fdp.exe」 spoofs a file name. Refused with the character named, as parseReport does.
 */
export function plainText(label: string) {
  return (s: string, ctx: z.RefinementCtx) => {
    const bad = firstRefusedChar(s);
    if (bad)
      ctx.addIssue({
        code: 'custom',
        message: `${label}中有看不见的${bad.kind === 'bidi' ? '文字方向控制符' : bad.kind === 'invalid' ? '无效字符' : '控制字符'} ${charName(bad.code)}（第 ${bad.line} 行第 ${bad.column} 个字符），请删去后再提交`,
        input: s,
      });
  };
}

/** A single line of it: no line break or tab either. */
export function plainLine(label: string) {
  const text = plainText(label);
  return (s: string, ctx: z.RefinementCtx) => {
    if (/[\r\n\t]/.test(s))
      ctx.addIssue({ code: 'custom', message: `${label}不能包含换行或制表符`, input: s });
    else text(s, ctx);
  };
}
