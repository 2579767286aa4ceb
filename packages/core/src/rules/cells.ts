import type { CellId, Edition } from '../editions/index.js';
import { evaluateIdentity, type Identity, type IdentityRuleId, identities } from '../identities.js';
import { ALL_EDITIONS, type FindingDraft, type Rule } from './types.js';

/** The largest number a cell may hold: 12 digits. */
export const MAX_CELL_VALUE = 999_999_999_999;

export const C1: Rule = {
  meta: {
    id: 'C1',
    severity: 'error',
    editions: ALL_EDITIONS,
    category: '数据不规范（空白、单位、非整数）',
    title: '件数为非负整数，「本年增/减」为整数（可为负），金额为非负数，均不超过 12 位',
    hint: '件数填写 0 或正整数；「本年增/减」可填负数；金额不得为负，可有小数。',
  },
  check({ report, edition }) {
    const out: FindingDraft[] = [];
    for (const def of edition.cells) {
      const v = report.cells[def.id]?.value;
      if (v === null || v === undefined) continue;
      // No count or amount of a year's report has 13 digits: a slip of the keyboard, or a cell run together.
      if (Math.abs(v) > MAX_CELL_VALUE) {
        out.push({
          message: `${def.label}数值过大（${v.toLocaleString('zh-CN', { useGrouping: false, maximumFractionDigits: 6 })}），超过 12 位数字，可能输入有误`,
          cells: [def.id],
          actual: v,
        });
        continue;
      }
      // 2021 表二 is T2-1's.
      if (edition.id === '2021' && def.table === 'activeDisclosure') continue;
      if (def.valueType === 'count' && (!Number.isInteger(v) || v < 0))
        out.push({ message: `${def.label}应为非负整数，实际为 ${v}`, cells: [def.id], actual: v });
      else if (def.valueType === 'signedCount' && !Number.isInteger(v))
        out.push({ message: `${def.label}应为整数，实际为 ${v}`, cells: [def.id], actual: v });
      else if (def.valueType === 'money' && v < 0)
        out.push({ message: `${def.label}不能为负数，实际为 ${v}`, cells: [def.id], actual: v });
    }
    return out;
  },
};

export const C2: Rule = {
  meta: {
    id: 'C2',
    severity: 'warning',
    editions: ALL_EDITIONS,
    category: '数据不规范（空白、单位、非整数）',
    title: '表格中没有空白单元格（没有数据的应填 0）',
    hint: '表格中没有数据的应填 0，不留空白，也不用「—」「/」「无」代替。',
  },
  check({ report, edition }) {
    // A total computed from its parts (every part in the report) is blank while a part is: it
    // follows once they are filled, and cannot be typed — the parts are what to fill, not it.
    const waiting = new Set(
      identities(edition.id)
        .filter(
          (i) =>
            i.derives &&
            i.rhs.every((p) => report.cells[p] !== undefined) &&
            i.rhs.some((p) => report.cells[p]!.value === null),
        )
        .map((i) => i.derives!),
    );
    const byRow = new Map<string, { label: string; cells: string[]; raws: string[] }>();
    for (const def of edition.cells) {
      const c = report.cells[def.id];
      if (!c || c.value !== null) continue;
      if (waiting.has(def.id) && !c.raw?.trim()) continue;
      const key = `${def.table}.${def.row}`;
      let g = byRow.get(key);
      if (!g) {
        g = {
          label: `${def.table === 'activeDisclosure' ? '表二' : def.table === 'applications' ? '表三' : '表四'} ${def.rowLabel}`,
          cells: [],
          raws: [],
        };
        byRow.set(key, g);
      }
      g.cells.push(def.id);
      if (c.raw?.trim()) g.raws.push(c.raw.trim());
    }
    return [...byRow.values()].map((g) => {
      const printed = [...new Set(g.raws)];
      const cols = g.cells.map((id) => edition.cellIndex.get(id)!.columnLabel).join('、');
      return {
        message: `表格中没有数据的应填0：${g.label}的${cols}为空白${printed.length ? `（印为「${printed.join('」「')}」）` : ''}`,
        cells: g.cells,
      };
    });
  },
};

/**
 * A 表三 row as a message names it, short and unambiguous: 「本年新收」「上年结转」「（一）予以公开」
 * 「（三）不予公开 1.属于国家秘密」「本年度办理结果（七）总计」「结转下年度继续办理」.
 */
export function applicationRowName(edition: Edition, row: string): string {
  const rows = edition.tables.applications.rows;
  const def = rows.find((r) => r.key === row);
  if (!def) return row;
  const short = (label: string) =>
    label.replace(/^[一二三四五六七八九十]+、/, '').replace(/政府信息公开申请数量$/, '');
  const parent = def.parent ? rows.find((r) => r.key === def.parent) : undefined;
  if (!parent) return short(def.label);
  // （七）总计 is the results' total; a numbered sub-row (1.属于国家秘密) is its group's
  if (row === 'resultTotal') return `${short(parent.label)}${def.label}`;
  return parent.parent ? `${parent.label} ${def.label}` : def.label;
}

/**
 * T3-B, in the form's words: each of the four items named with its number, and the two sums — which
 * side is which is in the message (neither is 「应为」: either may hold the mistake).
 */
function balanceMessage(
  identity: Identity,
  edition: Edition,
  value: (id: CellId) => number | null | undefined,
  l: number,
  r: number,
): string {
  const item = (id: CellId) => {
    const def = edition.cellIndex.get(id);
    return `${def ? applicationRowName(edition, def.row) : id}（${value(id)}）`;
  };
  const [a, b] = identity.lhs.map(item);
  const [c, d] = identity.rhs.map(item);
  return `表三 ${identity.where}：${a}加${b}为 ${l}，而${c}加${d}为 ${r}，两者应相等`;
}

function arithmeticRule(id: IdentityRuleId, title: string, hint: string): Rule {
  return {
    meta: { id, severity: 'error', editions: ALL_EDITIONS, category: '数据勾稽关系错误', title, hint },
    check({ report, edition, value }) {
      const out: FindingDraft[] = [];
      for (const identity of identities(edition.id)) {
        if (identity.ruleId !== id) continue;
        const r = evaluateIdentity(identity, value);
        if (r.status === 'ok') continue;
        if (r.status === 'failed') {
          // T3-B balances two sums, neither the reference: both are in the message, no 「应为…实为」
          const balance = id === 'T3-B';
          out.push({
            message: balance
              ? balanceMessage(identity, edition, value, r.lhs, r.rhs)
              : identity.describe(r.lhs, r.rhs),
            cells: [...identity.lhs, ...identity.rhs],
            expected: balance ? null : r.rhs,
            actual: balance ? null : r.lhs,
          });
        } else {
          const labels = r.blank.map((b) => edition.cellIndex.get(b)?.label ?? b);
          const absent = r.blank.some((b) => report.cells[b] === undefined);
          out.push({
            status: 'unchecked',
            message: `无法核对${identity.where}的${title.split('：')[0]}：${labels.slice(0, 3).join('、')}${labels.length > 3 ? ` 等 ${labels.length} 个单元格` : ''}${absent ? '缺失或' : ''}为空白`,
            cells: r.blank,
          });
        }
      }
      return out;
    },
  };
}

export const T3H = arithmeticRule(
  'T3-H',
  '行合计：表三每行的总计等于各类申请人之和',
  '核对该行各类申请人的数字，总计应为自然人与五类法人或其他组织之和。',
);
export const T3V = arithmeticRule(
  'T3-V',
  '办理结果合计：（七）总计等于（一）至（六）各项之和',
  '每件申请只计入一种办理结果；（七）总计应为（一）至（六）各项之和。',
);
export const T3B = arithmeticRule(
  'T3-B',
  '本列勾稽关系：第一项加第二项之和等于第三项加第四项之和',
  '本年新收加上年结转，应等于本年办结（（七）总计）加结转下年度继续办理。',
);
export const T41 = arithmeticRule(
  'T4-1',
  '表四合计：每组的总计等于结果维持、结果纠正、其他结果、尚未审结之和',
  '每组的总计应为结果维持、结果纠正、其他结果、尚未审结四项之和。',
);

export const cellRules: readonly Rule[] = [C1, C2, T3H, T3V, T3B, T41];
