/**
 * Setting up a region on its first day: agencies and users pasted from Excel (one per line, columns
 * separated by tabs), checked before anything is created — what will be made, what is refused and why,
 * and names that look like a slip (a stray space, a whole column pasted into one name).
 */

import { editDistance } from '@nianbao/core';

export const ROLE_LABEL = { filler: '填报人', reviewer: '审核人', admin: '管理员' } as const;
export type Role = keyof typeof ROLE_LABEL;

/** A name as compared: no spaces of any width, full-width letters and digits as half-width. */
export function compactName(name: string): string {
  return name
    .replace(/[\s\u3000]+/g, '')
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toLowerCase();
}

/** How agency names end (to tell several names pasted into one line from one name with a space). */
const AGENCY_END =
  /(政府|局|委|委员会|办|办公室|办事处|院|所|中心|厅|部|队|站|会|处|署|公司|馆|社|庭|科|室|街道|乡|镇|村)$/;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
const BAD_AGENCY_CHARS = /[/\\\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

/** Why an agency name cannot be created as typed (null when it can): the server's own rules, told first. */
export function agencyNameProblem(name: string): string | null {
  if (!name.trim()) return '名称为空';
  if (name.length > 100) return '名称过长（最多 100 字）';
  if (BAD_AGENCY_CHARS.test(name)) return '名称不能包含“/”“\\”或控制字符';
  if (/\t|\n/.test(name)) return '名称中有制表符或换行：像是多个单元格粘在了一起';
  return null;
}

/**
 * What looks like a slip in a new agency's name (shown before creating, never refused: the name may be
 * meant): a space inside it, several names joined by spaces, a name almost the same as one already there.
 */
export function agencyNameWarnings(name: string, existing: readonly string[]): string[] {
  const out: string[] = [];
  const trimmed = name.trim();
  const parts = trimmed.split(/[\s\u3000]+/).filter(Boolean);
  if (parts.length >= 2 && parts.filter((p) => p.length >= 3 && AGENCY_END.test(p)).length >= 2)
    out.push(`像是 ${parts.length} 个机关连成了一个名称（${parts.join('、')}）：请每行一个机关`);
  else if (parts.length >= 2) out.push('名称中有空格：机关名称一般不含空格');
  const c = compactName(trimmed);
  const twin = existing.find((e) => e !== trimmed && compactName(e) === c);
  if (twin) out.push(`与已有的“${twin}”几乎相同（只差空格或全角字符）`);
  return out;
}

/** Lines pasted from a spreadsheet: cells split at tabs, trimmed; blank lines dropped (with their numbers). */
export function pastedRows(text: string): { line: number; cells: string[] }[] {
  return text
    .replace(/^\ufeff/, '')
    .split(/\r\n|\r|\n/)
    .map((l, i) => ({ line: i + 1, cells: l.split('\t').map((c) => c.trim()) }))
    .filter((r) => r.cells.some(Boolean));
}

/** The pasted text with one cell (line 1-based as pastedRows counts, column 0-based) replaced. */
export function replaceCell(text: string, line: number, column: number, value: string): string {
  const parts = text.split(/(\r\n|\r|\n)/);
  // parts alternate: line, separator, line …
  const i = (line - 1) * 2;
  if (parts[i] === undefined) return text;
  const cells = parts[i]!.split('\t');
  while (cells.length <= column) cells.push('');
  cells[column] = value;
  parts[i] = cells.join('\t');
  return parts.join('');
}

export interface AgencyPlan {
  line: number;
  name: string;
  /** Refused: never created. */
  refused: string | null;
  /** Created only if the admin confirms the row. */
  warnings: string[];
}

/**
 * Agency names pasted one a line (a row of cells from Excel: one per cell) to be created under one
 * parent. `siblings` are the names already under that parent; `all` every agency's name (near-duplicates).
 */
export function planAgencies(
  text: string,
  siblings: readonly string[],
  all: readonly string[],
): AgencyPlan[] {
  const seen = new Map<string, { line: number; name: string }>();
  const out: AgencyPlan[] = [];
  for (const { line, cells } of pastedRows(text))
    for (const name of cells.filter(Boolean)) {
      const c = compactName(name);
      const first = seen.get(c);
      let refused = agencyNameProblem(name);
      if (!refused && siblings.includes(name)) refused = '该上级下已有同名机关';
      if (!refused && first)
        refused =
          first.name === name
            ? `与第 ${first.line} 行重复`
            : `与第 ${first.line} 行的“${first.name}”几乎相同（只差空格或全角字符）`;
      if (!first) seen.set(c, { line, name });
      const others = all.filter((n) => n !== name);
      out.push({ line, name, refused, warnings: refused ? [] : agencyNameWarnings(name, others) });
    }
  return out;
}

const ROLE_WORDS: Readonly<Record<string, Role>> = {
  填报人: 'filler',
  填报员: 'filler',
  填报: 'filler',
  filler: 'filler',
  审核人: 'reviewer',
  审核员: 'reviewer',
  审核: 'reviewer',
  reviewer: 'reviewer',
  管理员: 'admin',
  admin: 'admin',
};

export interface UserPlan {
  line: number;
  username: string;
  displayName: string;
  role: Role | null;
  agencyId: string | null;
  agencyName: string;
  refused: string | null;
  warnings: string[];
  /** An agency named that does not exist: the nearest names that do (the likely meant), best first. */
  suggestions?: string[];
}

/** The distinctive part of an agency name: no spaces, no 人民政府/政府 or 办事处 ending. */
const agencyCore = (name: string) =>
  compactName(name).replace(/(人民政府|政府|办事处|办公室)$/, '') || compactName(name);

/**
 * Agencies whose name is near one typed that matches none (at most `max`, best first): the same name
 * but for a 人民政府/政府 ending (「东山镇」 for 东山镇人民政府), one name ending the other (「教育局」
 * for 示例县教育局), or a character apart in every four (「示例县教育厅」, a typo).
 */
export function nearestAgencies(typed: string, agencies: readonly { name: string }[], max = 3): string[] {
  const t = agencyCore(typed);
  if (!t) return [];
  const scored: { name: string; score: number }[] = [];
  for (const a of agencies) {
    const c = agencyCore(a.name);
    let score: number | null = null;
    if (c === t) score = 0;
    // The region's prefix left out on one side: 「教育局」 for 示例县教育局, 「示例县东山镇」 for 东山镇人民政府.
    else if (Math.min(c.length, t.length) >= 2 && (c.endsWith(t) || t.endsWith(c)))
      score = 1 + Math.abs(c.length - t.length) / 100;
    else {
      // A slip of a character in a name of 4 or more (not 「某某县」 for 「某某镇」).
      const d = editDistance(c, t);
      if (d <= Math.floor(Math.max(c.length, t.length) / 4)) score = 2 + d;
    }
    if (score !== null) scored.push({ name: a.name, score });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name, 'zh'))
    .slice(0, max)
    .map((x) => x.name);
}

/** A user name as the server compares it (case does not count: Admin is admin). */
const userKey = (u: string) => u.trim().toLowerCase();

/**
 * Users pasted as 用户名 / 姓名 / 角色 / 所属机关 columns (a header row is skipped; a blank 角色 is
 * 填报人). An agency is found by its name (spaces and full-width letters not counting); an unknown or
 * ambiguous one, a taken or repeated user name, a user name with spaces refuse the line.
 */
export function planUsers(
  text: string,
  agencies: readonly { id: string; name: string }[],
  takenUsernames: readonly string[],
): UserPlan[] {
  const taken = new Set(takenUsernames.map(userKey));
  const seen = new Map<string, number>();
  const rows = pastedRows(text);
  if (rows[0] && /^(用户名|账号|帐号|登录名|username)$/i.test(rows[0].cells[0] ?? '')) rows.shift();
  return rows.map(({ line, cells }) => {
    const [username = '', displayName = '', roleText = '', agencyName = ''] = cells;
    const role = roleText ? (ROLE_WORDS[roleText.toLowerCase()] ?? null) : 'filler';
    const warnings: string[] = [];
    const plan = (refused: string | null, agencyId: string | null = null): UserPlan => ({
      line,
      username,
      displayName,
      role,
      agencyId,
      agencyName,
      refused,
      warnings: refused ? [] : warnings,
    });
    if (!username) return plan('缺少用户名');
    if (/[\s\u3000]/.test(username)) return plan('用户名不能含空格');
    if (username.length > 64) return plan('用户名过长（最多 64 个字符）');
    const key = userKey(username);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, line);
    if (taken.has(key)) return plan('用户名已被使用');
    if (first !== undefined) return plan(`与第 ${first} 行的用户名重复`);
    if (!displayName) return plan('缺少姓名（第二列）');
    if (displayName.length > 100) return plan('姓名过长');
    if (!role) return plan(`不认识的角色“${roleText}”（应为填报人、审核人或管理员）`);
    if (role === 'admin') {
      warnings.push('将新建管理员：可管理全部机关、用户和检查规则');
      if (agencyName) warnings.push('管理员不属于某个机关：所填机关不用');
      return plan(null);
    }
    if (!agencyName) return plan(`${ROLE_LABEL[role]}必须填写所属机关（第四列）`);
    const exact = agencies.filter((a) => a.name === agencyName);
    const matches = exact.length
      ? exact
      : agencies.filter((a) => compactName(a.name) === compactName(agencyName));
    if (matches.length === 0) {
      const near = nearestAgencies(agencyName, agencies);
      return {
        ...plan(
          `没有名为“${agencyName}”的机关${near.length ? `。是不是：${near.map((n) => `“${n}”`).join('、')}？` : ''}`,
        ),
        suggestions: near,
      };
    }
    if (matches.length > 1) return plan(`有 ${matches.length} 个机关都叫“${agencyName}”：请逐个新建`);
    if (!exact.length) warnings.push(`按“${matches[0]!.name}”处理`);
    return plan(null, matches[0]!.id);
  });
}

/** Letters and digits that are not mistaken for each other when read aloud or off paper (no 0/O, 1/l/I). */
const LOWER = 'abcdefghjkmnpqrstuvwxyz';
const UPPER = 'ABCDEFGHJKMNPQRSTUVWXYZ';
const DIGITS = '23456789';

/** An initial password to hand over: 3 groups of 4 (mixed case and digits, each present), e.g. `k7Mq-x3Pd-r9wA`. */
export function generatePassword(random: (n: number) => number = cryptoRandom): string {
  const all = LOWER + UPPER + DIGITS;
  for (;;) {
    const chars = Array.from({ length: 12 }, () => all[random(all.length)]!);
    const s = chars.join('');
    if (/[a-z]/.test(s) && /[A-Z]/.test(s) && /[0-9]/.test(s))
      return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
  }
}

function cryptoRandom(n: number): number {
  const a = new Uint32Array(1);
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  do crypto.getRandomValues(a);
  while (a[0]! >= limit);
  return a[0]! % n;
}

export interface NewAccount {
  username: string;
  displayName: string;
  role: Role;
  agencyName: string;
  password: string;
}

/** The new accounts as CSV for Excel (UTF-8 with BOM, CRLF; a cell starting with = + - @ is quoted as text). */
export function accountsCsv(accounts: readonly NewAccount[]): string {
  const cell = (v: string) => {
    const t = /^[=+\-@]/.test(v) ? `'${v}` : v;
    return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  const rows = [
    ['用户名', '姓名', '角色', '所属机关', '初始密码'],
    ...accounts.map((a) => [a.username, a.displayName, ROLE_LABEL[a.role], a.agencyName, a.password]),
  ];
  return `\ufeff${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** A node of the agency tree as likelyParent reads it. */
export interface TreeNode {
  readonly id: string;
  readonly kind?: string | null;
  readonly level?: string | null;
  readonly children: readonly TreeNode[];
}

/**
 * Where a pasted column of agencies most likely goes when the admin has chosen nothing: from the only
 * top-level node down through 人民政府 above 乡镇级 that are their parent's only child (示例省 › 示例市 ›
 * 示例县: the 县, where the region branches into its departments and townships). '' (top level) when
 * there is no agency or several at the top.
 */
export function likelyParent(roots: readonly TreeNode[]): string {
  if (roots.length !== 1) return '';
  let node = roots[0]!;
  for (;;) {
    const only = node.children.length === 1 ? node.children[0]! : undefined;
    if (only?.kind !== '人民政府' || only.level === '乡镇级') return node.id;
    node = only;
  }
}
