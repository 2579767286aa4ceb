import { z } from 'zod';
import {
  type CellDef,
  type CellId,
  cellDef,
  EDITION_IDS,
  type EditionId,
  editionForYear,
  getEdition,
  listCells,
  parseCellId,
  SECTION_KEYS,
  type SectionKey,
} from './editions/index.js';
import { duplicateKeys } from './json-keys.js';
import { jsonProblem } from './json-problem.js';
import { cityLevel } from './places.js';
import {
  charName,
  firstRefusedChar,
  hasSpecialChars,
  normaliseLineBreaks,
  removeRefusedChars,
} from './text-chars.js';
import { zhErrorMap } from './zh-errors.js';

export const AGENCY_KINDS = ['人民政府', '政府部门', '街道办事处', '其他'] as const;
export const ADMIN_LEVELS = ['国务院部门', '省级', '市级', '县级', '乡镇级'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];
export type AdminLevel = (typeof ADMIN_LEVELS)[number];

export const MONEY_UNITS = ['元', '万元', 'unknown'] as const;
export type MoneyUnit = (typeof MONEY_UNITS)[number];

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' })
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      error: '不是有效的日期',
    },
  );

export const AgencySchema = z.strictObject({
  /** Stable identity of the agency across renames (server id, 统一社会信用代码 …). */
  id: z
    .string()
    .min(1)
    // An id is matched, echoed in messages and written in file names: no character nobody can see.
    .refine((v) => !/[\s\p{Cc}]/u.test(v) && firstRefusedChar(v) === undefined, {
      error: (iss) => {
        const v = String(iss.input);
        const ch = [...v].find((c) => /[\s\p{Cc}]/u.test(c) || firstRefusedChar(c) !== undefined)!;
        const code = ch.codePointAt(0)!;
        const named =
          /\p{Cc}/u.test(ch) || firstRefusedChar(ch)
            ? charName(code)
            : `U+${code.toString(16).toUpperCase().padStart(4, '0')}（空格）`;
        return `机关编号中有空格或看不见的字符 ${named}：编号应为服务器给出的编号或统一社会信用代码`;
      },
    })
    .optional(),
  name: z.string().trim().min(1, { error: '机关名称不能为空' }),
  kind: z.enum(AGENCY_KINDS).optional(),
  level: z.enum(ADMIN_LEVELS).optional(),
  regionCode: z
    .string()
    .regex(/^\d{6}(\d{3}(\d{3})?)?$/, { error: '行政区划代码应为 6、9 或 12 位数字' })
    .optional(),
});
export type Agency = z.infer<typeof AgencySchema>;

export const ContactSchema = z.strictObject({
  department: z.string().optional(),
  address: z.string().optional(),
  postcode: z.string().optional(),
  phone: z.string().optional(),
  fax: z.string().optional(),
  email: z.string().optional(),
});

/** A year to show as an example in messages (any 2021-format year; core has no clock). */
const DEFAULT_EXAMPLE_YEAR = 2023;

export const MetaSchema = z.strictObject({
  agency: AgencySchema,
  // The message follows the path's label (「报告年度：…」): it says the year given and what to write.
  year: z
    .int()
    .min(2000, {
      error: (iss) =>
        `${String(iss.input)} 年不是可处理的报告年度（应在 2000 年以后）：全国统一的年报格式自 2019 年度起施行，请填写报告所统计的年份，如 ${DEFAULT_EXAMPLE_YEAR}`,
    })
    .max(2100, {
      error: (iss) =>
        `${String(iss.input)} 年不是可处理的报告年度（应在 2100 年以前）：请填写报告所统计的年份，如 ${DEFAULT_EXAMPLE_YEAR}`,
    }),
  edition: z.enum(EDITION_IDS),
  /** `agency`: this agency's own report; `region`: a roll-up over the agencies of a region. */
  scope: z.enum(['agency', 'region']),
  title: z.string().optional(),
  publishedOn: isoDate.optional(),
  contact: ContactSchema.optional(),
});
export type ReportMeta = z.infer<typeof MetaSchema>;

/**
 * Beyond ±(2^53 − 1) a JSON number is no longer the number written (123456789012345678 is read as
 * 123456789012345680): such a value is refused, never kept silently rounded.
 */
export function unsafeNumberMessage(v: number): string | undefined {
  if (!Number.isFinite(v) || Math.abs(v) <= Number.MAX_SAFE_INTEGER) return undefined;
  return `数值 ${v} 过大，超出可精确保存的范围（绝对值不超过 ${Number.MAX_SAFE_INTEGER}），读入时已被取整、不再是原来的数：请核对原文中的这个数`;
}

export const CellSchema = z.strictObject({
  /** The number, or null when the report printed nothing / 「—」「/」「无」. Blank is never 0. */
  value: z
    .number()
    .refine(Number.isFinite, { error: '数值必须是有限数' })
    .refine((v) => !unsafeNumberMessage(v), { error: (iss) => unsafeNumberMessage(iss.input as number)! })
    .nullable(),
  /** What was printed, where it differs from the number (「+19」「240万元」「—」). */
  raw: z.string().optional(),
  /** Money cells: the unit printed or known. */
  unit: z.enum(MONEY_UNITS).optional(),
  /** How the value came to be. */
  origin: z.enum(['entered', 'imported', 'derived', 'inferred']).optional(),
});
export type Cell = z.infer<typeof CellSchema>;

/**
 * The most characters one section (or the preamble) may hold. A whole published report runs to some
 * 10,000–50,000 characters; far more in one part is a whole file pasted in, or pasted twice.
 */
export const MAX_TEXT_CHARS = 200_000;
const text = z.string().max(MAX_TEXT_CHARS, {
  error: (iss) =>
    `文字过长（${(iss.input as string).length.toLocaleString('en-US')} 字，上限 ${MAX_TEXT_CHARS.toLocaleString('en-US')} 字）：请检查是否粘贴了整份文件或重复粘贴`,
});
const sectionText = text.nullable();
export const SectionsSchema = z.strictObject({
  overview: sectionText,
  activeDisclosure: sectionText,
  applications: sectionText,
  reviewLitigation: sectionText,
  problems: sectionText,
  other: sectionText,
});
export type Sections = z.infer<typeof SectionsSchema>;

export const LayoutSchema = z.strictObject({
  /** Order in which the six sections appeared in the source (section numbers 1–6). */
  sectionOrder: z.array(z.int().min(1).max(6)).optional(),
  /** Whether each table was found in the source. Absent = assume present when it has cells. */
  tablesPresent: z
    .strictObject({
      activeDisclosure: z.boolean().optional(),
      applications: z.boolean().optional(),
      reviewLitigation: z.boolean().optional(),
    })
    .optional(),
  /** Labels matched through an alias rather than verbatim (rule S7). */
  aliasesUsed: z
    .array(
      z.strictObject({ printed: z.string(), canonical: z.string(), cells: z.array(z.string()).optional() }),
    )
    .optional(),
  /** Rows or columns printed in the source that the edition does not have. */
  extraLabels: z.array(z.string()).optional(),
});
export type Layout = z.infer<typeof LayoutSchema>;

const cellIdKeyMessage = (key: string) => `不是有效的单元格编号：${key}（应为 表.行.列，见 cell-ids.md）`;
const cellIdKey = z.string().refine((s) => parseCellId(s) !== undefined, {
  error: (iss) => cellIdKeyMessage(String(iss.input)),
});

export const ReportSchema = z.strictObject({
  schemaVersion: z.literal(1),
  meta: MetaSchema,
  /** Text before section 一 (编制依据, 统计期限, contact). */
  preamble: text.optional(),
  /** The six sections' text; null = the section is absent. */
  sections: SectionsSchema,
  /** Every cell by id. A missing key = the row/column is absent from the table; `value: null` = printed blank. */
  cells: z.record(cellIdKey, CellSchema),
  layout: LayoutSchema.optional(),
});
export type Report = z.infer<typeof ReportSchema>;

/** A structured error for machines with a 简体中文 message for people. */
export class NianbaoError extends Error {
  readonly code: string;
  readonly details: Readonly<Record<string, unknown>>;
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'NianbaoError';
    this.code = code;
    this.details = details;
  }
  toJSON(): { code: string; message: string; details: Readonly<Record<string, unknown>> } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

const PATH_LABELS: Record<string, string> = {
  schemaVersion: '数据格式版本',
  meta: '报告信息',
  'meta.agency': '机关',
  'meta.agency.id': '机关标识',
  'meta.agency.name': '机关名称',
  'meta.agency.kind': '机关类型',
  'meta.agency.level': '行政层级',
  'meta.agency.regionCode': '行政区划代码',
  'meta.year': '报告年度',
  'meta.edition': '格式版本',
  'meta.scope': '报告范围',
  'meta.title': '标题',
  'meta.publishedOn': '发布日期',
  'meta.contact': '联系方式',
  preamble: '前言',
  sections: '正文各部分',
  'sections.overview': '一、总体情况',
  'sections.activeDisclosure': '二、主动公开政府信息情况',
  'sections.applications': '三、收到和处理政府信息公开申请情况',
  'sections.reviewLitigation': '四、政府信息公开行政复议、行政诉讼情况',
  'sections.problems': '五、存在的主要问题及改进情况',
  'sections.other': '六、其他需要报告的事项',
  cells: '表格单元格',
  layout: '版式信息',
};

export interface ReportIssue {
  /** Dotted path (`meta.year`, `cells.applications.newReceived.total.value`). */
  readonly path: string;
  /** The same path as keys (a cell id is one key, dots and all). */
  readonly segments: readonly (string | number)[];
  /** The path in words (简体中文). */
  readonly pathLabel: string;
  readonly code: string;
  /** 简体中文, naming the place. */
  readonly message: string;
}

/**
 * `notes`: what parsing changed and the caller should say (a Word line break made a line break, a
 * raw text that disagreed with its value dropped) — absent when nothing changed.
 */
export type ParseResult<T> =
  | { ok: true; value: T; notes?: ReportIssue[] }
  | { ok: false; errors: ReportIssue[] };

const CELL_FIELD_LABELS: Record<string, string> = {
  value: '数值',
  raw: '原文',
  unit: '单位',
  origin: '来源',
};

function labelPath(parts: readonly PropertyKey[], edition?: EditionId): string {
  if (parts[0] === 'cells' && typeof parts[1] === 'string') {
    const id = parts[1];
    const def = edition ? cellDef(edition, id) : undefined;
    const rest = parts.slice(2).join('.');
    const base = def ? def.label : `单元格 ${id}`;
    return rest ? `${base}（${CELL_FIELD_LABELS[rest] ?? rest}）` : base;
  }
  for (let n = parts.length; n > 0; n--) {
    const key = parts.slice(0, n).join('.');
    const label = PATH_LABELS[key];
    if (label) return n === parts.length ? label : `${label} › ${parts.slice(n).join('.')}`;
  }
  return parts.length ? parts.join('.') : '报告';
}

/**
 * zod's issues, flat: a bad record key or a failed union nests its reasons, and the innermost one
 * is what a person needs (「不是有效的单元格编号」, not 「record 中的键(key)无效」).
 */
function flatIssues(list: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []) {
  const out: { path: PropertyKey[]; code: string; message: string }[] = [];
  for (const iss of list) {
    const path = [...prefix, ...iss.path];
    const nested = iss as { issues?: z.core.$ZodIssue[]; errors?: z.core.$ZodIssue[][] };
    if (nested.issues?.length) out.push(...flatIssues(nested.issues, path));
    else if (nested.errors?.[0]?.length) out.push(...flatIssues(nested.errors[0], path));
    else out.push({ path, code: iss.code, message: iss.message });
  }
  return out;
}

function toIssues(error: z.ZodError, edition?: EditionId): ReportIssue[] {
  return flatIssues(error.issues).map((iss) => {
    const segments = iss.path.map((k) => (typeof k === 'number' ? k : String(k)));
    const pathLabel = labelPath(iss.path, edition);
    return {
      path: segments.join('.'),
      segments,
      pathLabel,
      code: iss.code,
      message: `${pathLabel}：${iss.message}`,
    };
  });
}

const ReportWithoutCells = ReportSchema.omit({ cells: true });
const CELL_KEYS = new Set(['value', 'raw', 'unit', 'origin']);
const UNITS = new Set<string>(MONEY_UNITS);
const ORIGINS = new Set(['entered', 'imported', 'derived', 'inferred']);
const CELL_ID_SHAPE = /^(activeDisclosure|applications|reviewLitigation)\.[A-Za-z0-9_]+\.[A-Za-z0-9_]+$/;

/** Exactly CellSchema's acceptance, without zod's per-object cost (a report has 200 cells). */
export function isWellFormedCell(c: unknown): c is Cell {
  if (typeof c !== 'object' || c === null || Array.isArray(c)) return false;
  const o = c as Record<string, unknown>;
  for (const k in o) if (!CELL_KEYS.has(k)) return false;
  if (!('value' in o)) return false;
  const v = o.value;
  if (v !== null && (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > Number.MAX_SAFE_INTEGER))
    return false;
  if ('raw' in o && typeof o.raw !== 'string') return false;
  if ('unit' in o && !UNITS.has(o.unit as string)) return false;
  if ('origin' in o && !ORIGINS.has(o.origin as string)) return false;
  return true;
}

/** Every cell id of every edition: a Set lookup settles most ids before the shape regex is needed. */
const KNOWN_CELL_IDS: ReadonlySet<string> = new Set(
  EDITION_IDS.flatMap((e) => listCells(e).map((c) => c.id)),
);

/**
 * The common case fast: zod checks everything but the cells, a plain loop checks the cells. Any
 * doubt returns undefined and the full schema runs, so errors are always zod's, in Chinese.
 */
function parseFast(data: unknown): Report | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const { cells, ...rest } = data as Record<string, unknown>;
  if (typeof cells !== 'object' || cells === null || Array.isArray(cells)) return undefined;
  // for…in sees inherited keys too: only plain objects (as JSON.parse makes) take the fast path.
  const proto = Object.getPrototypeOf(cells);
  if (proto !== Object.prototype && proto !== null) return undefined;
  const input = cells as Record<string, unknown>;
  const out: Record<string, Cell> = {};
  for (const id in input) {
    const c = input[id];
    if (!(KNOWN_CELL_IDS.has(id) || CELL_ID_SHAPE.test(id)) || !isWellFormedCell(c)) return undefined;
    out[id] = { ...c };
  }
  const r = ReportWithoutCells.safeParse(rest, { error: zhErrorMap });
  if (!r.success) return undefined;
  const { schemaVersion, meta, preamble, sections, layout } = r.data;
  return {
    schemaVersion,
    meta,
    ...(preamble !== undefined ? { preamble } : {}),
    sections,
    cells: out,
    ...(layout !== undefined ? { layout } : {}),
  };
}

/**
 * Parse anything (an object, or JSON text) into a report. Never throws: returns the report or the
 * list of problems, each naming its path in 简体中文.
 *
 * Beyond the schema (see packages/core/README.md, 「读入报告时的检查」):
 * - JSON text with a key given twice in one object (a cell, a meta field) is refused, naming the
 *   path and both values — JSON.parse alone keeps the last silently;
 * - text with control characters or bidirectional overrides is refused, naming the field and the
 *   place; Word's line breaks and form feeds become line breaks (a note says so);
 * - a count cell with a unit is refused; a `raw` that plainly reads as another number than the
 *   value is dropped (a note says so).
 */
export function parseReport(input: unknown): ParseResult<Report> {
  let data = input;
  if (typeof input === 'string') {
    try {
      data = JSON.parse(input);
    } catch (e) {
      return {
        ok: false,
        errors: [
          {
            path: '',
            segments: [],
            pathLabel: '报告',
            code: 'invalid_json',
            message: `报告不是有效的 JSON：${jsonProblem(input) ?? (e instanceof Error ? e.message : String(e))}`,
          },
        ],
      };
    }
    const dups = duplicateKeys(input);
    if (dups?.length) return { ok: false, errors: dups.map((d) => duplicateIssue(d, editionOf(data))) };
  }
  // A cell keyed 「__proto__」 (JSON.parse keeps it as an own key) is one zod's record passes over
  // without a word: refused as every other key that is no cell id, never dropped silently.
  const cells = (data as { cells?: unknown } | null)?.cells;
  const protoKey =
    typeof cells === 'object' && cells !== null && Object.hasOwn(cells, '__proto__')
      ? issue(['cells', '__proto__'], 'custom', `${cellIdKeyMessage('__proto__')}`, editionOf(data))
      : undefined;
  const fast = protoKey ? undefined : parseFast(data);
  if (fast) return reviewed(fast);
  const r = ReportSchema.safeParse(data, { error: zhErrorMap });
  if (r.success && !protoKey) return reviewed(r.data);
  const errors = r.success ? [] : toIssues(r.error, editionOf(data));
  return { ok: false, errors: protoKey ? [protoKey, ...errors] : errors };
}

function editionOf(data: unknown): EditionId | undefined {
  const edition = (data as { meta?: { edition?: unknown } } | null)?.meta?.edition;
  return typeof edition === 'string' && (EDITION_IDS as readonly string[]).includes(edition)
    ? (edition as EditionId)
    : undefined;
}

function issue(
  segments: readonly (string | number)[],
  code: string,
  text: string,
  edition?: EditionId,
): ReportIssue {
  const pathLabel = labelPath(segments, edition);
  return { path: segments.join('.'), segments, pathLabel, code, message: `${pathLabel}：${text}` };
}

const clip = (s: string, n: number) => ([...s].length > n ? `${[...s].slice(0, n).join('')}…` : s);

/** A value of a duplicate key as a person reads it: a cell by its number, text quoted and cut short. */
function shownValue(json: string, isCell: boolean): string {
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return clip(json, 40);
  }
  if (isCell && v !== null && typeof v === 'object' && !Array.isArray(v) && 'value' in v)
    v = (v as { value: unknown }).value ?? '（空白）';
  if (typeof v === 'string') return v === '（空白）' ? v : `「${clip(v, 30)}」`;
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  return clip(JSON.stringify(v), 40);
}

function duplicateIssue(
  d: { segments: readonly (string | number)[]; first: string; second: string },
  edition?: EditionId,
): ReportIssue {
  const isCell = d.segments[0] === 'cells' && d.segments.length === 2;
  let a = shownValue(d.first, isCell);
  let b = shownValue(d.second, isCell);
  // two cells of the same number that differ in raw or unit: show them whole
  if (a === b && d.first.replace(/\s+/g, '') !== d.second.replace(/\s+/g, '')) {
    a = clip(JSON.stringify(JSON.parse(d.first)), 60);
    b = clip(JSON.stringify(JSON.parse(d.second)), 60);
  }
  const both = a === b ? `两处都是 ${a}` : `先是 ${a}，后是 ${b}`;
  return issue(
    d.segments,
    'duplicate_key',
    `在文件中出现了两次（${both}），无法确定应取哪一个：请删去多余的一处（「${String(d.segments[d.segments.length - 1])}」只能写一次）`,
    edition,
  );
}

/** A refused character in a text field: where it is and why it cannot stay. */
function refusedCharText(s: string): string | undefined {
  const bad = firstRefusedChar(s);
  if (!bad) return undefined;
  const where = /[\r\n]/.test(s) ? `第 ${bad.line} 行第 ${bad.column} 个字处` : `第 ${bad.column} 个字处`;
  const more = bad.count > 1 ? `（共 ${bad.count} 个这类字符）` : '';
  const why =
    bad.kind === 'bidi'
      ? '它会改变文字的显示顺序，使看到的与保存的不同'
      : bad.kind === 'invalid'
        ? '它不是有效的文字（Word 和 Excel 文件中无法写入）'
        : '它看不见或显示为乱码，导出的文件中也会带上它';
  return `${where}有${charName(bad.code)}${more}，${why}，不能保存：请删去（从网页、Word 或终端复制的文字有时带有这种字符）`;
}

/**
 * A text field checked (see text-chars.ts): refused characters are an error; Word's line breaks
 * and form feeds are made line breaks, with a note. Returns the text to keep.
 */
function reviewText(
  s: string,
  segments: readonly (string | number)[],
  out: { errors: ReportIssue[]; notes: ReportIssue[] },
  edition: EditionId,
): string {
  if (!hasSpecialChars(s)) return s;
  const { text, count } = normaliseLineBreaks(s);
  const refused = refusedCharText(text);
  if (refused) out.errors.push(issue(segments, 'refused_char', refused, edition));
  else if (count)
    out.notes.push(
      issue(
        segments,
        'LINE_BREAK_NORMALISED',
        `${count} 个 Word 换行符、分页符或段落分隔符（U+000B、U+000C、U+0085、U+2028、U+2029）已改为换行`,
        edition,
      ),
    );
  return text;
}

/** Full-width digits, point, comma and signs as ASCII (no NFKC: 「6¹」 must not become 61). */
const toAscii = (s: string) =>
  s.replace(/[０-９．，＋－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/，/g, ',');

/** A plain number, with thousands separators and a unit or measure word at most. */
const PLAIN_NUMBER = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(亿元|万元|元|件|个|项|次|人|份|条|家|户)?$/;
const UNIT_SCALE: Record<string, number> = { 元: 1, 万元: 1e4, 亿元: 1e8 };

/**
 * Whether `raw` plainly reads as a number other than `value` — it is a plain number (「66」
 * 「1,234」「240万元」) that is not the value in the cell's unit. Anything else (「—」, 「6¹」, 「3O」,
 * 「约3万」) is what was printed and is kept: only a plain contradiction is dropped.
 */
function rawContradicts(raw: string, value: number | null, unit: MoneyUnit | undefined): number | undefined {
  const m = PLAIN_NUMBER.exec(toAscii(raw.trim()));
  if (!m) return undefined;
  const n = Number(`${m[1]}${m[2]!.replace(/,/g, '')}${m[3] ?? ''}`);
  if (!Number.isFinite(n)) return undefined;
  if (value === null) return n;
  const rawScale = m[4] ? UNIT_SCALE[m[4]] : undefined;
  const cellScale = unit && unit !== 'unknown' ? UNIT_SCALE[unit] : undefined;
  const candidates =
    rawScale === undefined
      ? [n]
      : cellScale !== undefined
        ? [(n * rawScale) / cellScale]
        : [n, n * 1e4, n * 1e8];
  const agrees = candidates.some((c) => Math.abs(c - value) <= 1e-9 * Math.max(1, Math.abs(c)));
  return agrees ? undefined : n;
}

/**
 * Each free text of a report (title, agency name, contact, preamble, sections, a cell's raw, layout
 * labels) replaced by `fn(text, path)`, in place.
 */
function mapTexts(report: Report, fn: (s: string, segments: readonly (string | number)[]) => string): void {
  const meta = report.meta;
  if (meta.title !== undefined) meta.title = fn(meta.title, ['meta', 'title']);
  meta.agency.name = fn(meta.agency.name, ['meta', 'agency', 'name']);
  if (meta.contact) {
    const contact = meta.contact as Record<string, string | undefined>;
    for (const k in contact) {
      const v = contact[k];
      if (typeof v === 'string') contact[k] = fn(v, ['meta', 'contact', k]);
    }
  }
  if (report.preamble !== undefined) report.preamble = fn(report.preamble, ['preamble']);
  const sections = report.sections as Record<string, string | null>;
  for (const k in sections) {
    const v = sections[k];
    if (typeof v === 'string') sections[k] = fn(v, ['sections', k]);
  }
  for (const id in report.cells) {
    const c = report.cells[id]!;
    if (c.raw !== undefined) c.raw = fn(c.raw, ['cells', id, 'raw']);
  }
  const layout = report.layout;
  if (layout?.extraLabels)
    layout.extraLabels = layout.extraLabels.map((l, i) => fn(l, ['layout', 'extraLabels', i]));
  if (layout?.aliasesUsed)
    for (const [i, a] of layout.aliasesUsed.entries()) {
      a.printed = fn(a.printed, ['layout', 'aliasesUsed', i, 'printed']);
      a.canonical = fn(a.canonical, ['layout', 'aliasesUsed', i, 'canonical']);
    }
}

/**
 * A report read from a document (an importer's result), its text without the characters parseReport
 * refuses — a PDF or Word file may carry a control character nobody can see or remove from the
 * source — and a note per field saying how many were removed. The input is not changed.
 */
export function withoutRefusedChars(report: Report): { report: Report; removed: ReportIssue[] } {
  const removed: ReportIssue[] = [];
  const copy = JSON.parse(JSON.stringify(report)) as Report; // a report is JSON data
  const edition = report.meta.edition;
  mapTexts(copy, (s, segments) => {
    if (!hasSpecialChars(s)) return s;
    const { text, count } = removeRefusedChars(s);
    if (count)
      removed.push(
        issue(
          segments,
          'CHARS_REMOVED',
          `删去了 ${count} 个看不见的控制字符或文字方向控制符（文件中带有，如 ${charName(firstRefusedChar(s)!.code)}）`,
          edition,
        ),
      );
    return text;
  });
  return { report: copy, removed };
}

/** The checks beyond the schema on a parsed report (its objects are the parse's own: changed in place). */
function reviewed(report: Report): ParseResult<Report> {
  const out = { errors: [] as ReportIssue[], notes: [] as ReportIssue[] };
  const edition = report.meta.edition;
  mapTexts(report, (s, segments) => reviewText(s, segments, out, edition));
  for (const id in report.cells) {
    const c = report.cells[id]!;
    if (c.unit === undefined && c.raw === undefined) continue;
    const def = cellDef(edition, id);
    if (c.unit !== undefined && def && def.valueType !== 'money')
      out.errors.push(
        issue(
          ['cells', id, 'unit'],
          'UNIT_ON_COUNT',
          `此格填的是件数（个数），不带单位，却注明了单位「${c.unit}」：请删去 unit`,
          edition,
        ),
      );
    if (c.raw !== undefined) {
      const read = rawContradicts(c.raw, c.value, c.unit);
      if (read !== undefined) {
        const shown = c.value === null ? '空白' : `数值 ${c.value} `;
        out.notes.push(
          issue(
            ['cells', id, 'raw'],
            'RAW_DROPPED',
            `「${c.raw}」读作 ${read}，与${shown}不符：已删去这段原文，保留${shown.trim()}；如原文是对的，请改填数值`,
            edition,
          ),
        );
        delete c.raw;
      }
    }
  }
  if (out.errors.length) return { ok: false, errors: out.errors };
  return out.notes.length ? { ok: true, value: report, notes: out.notes } : { ok: true, value: report };
}

/** Like parseReport, but throws a NianbaoError(code 'INVALID_REPORT') listing the problems. */
export function assertReport(input: unknown): Report {
  const r = parseReport(input);
  if (r.ok) return r.value;
  throw new NianbaoError('INVALID_REPORT', `报告数据有误：${r.errors.map((e) => e.message).join('；')}`, {
    issues: r.errors,
  });
}

/**
 * Whether two reports' agencies are the same agency: the same agency 编号 when both have one (reports
 * of a server), else the same name — spaces aside, and with or without the names of the places above
 * it (「洪泽区人民政府」 is 「淮安市洪泽区人民政府」, 「东山乡人民政府」 is 「某某省某某县东山乡人民政府」).
 */
export function sameAgency(a: Pick<Agency, 'id' | 'name'>, b: Pick<Agency, 'id' | 'name'>): boolean {
  if (a.id && b.id) return a.id === b.id;
  const x = agencyNameKey(a.name);
  const y = agencyNameKey(b.name);
  // A name the importer could not find (「（未识别机关）」, or none) identifies no one.
  if (!x || !y || UNNAMED.test(x) || UNNAMED.test(y)) return false;
  if (x === y) return true;
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  return short.length >= 4 && long.endsWith(short) && PLACES.test(long.slice(0, -short.length));
}

const UNNAMED = /^[（(]未识别/;

/**
 * An agency's name as names are compared: full-width and half-width forms as one (NFKC: 「（本级）」 is
 * 「(本级)」), every space taken out (「示例县 交通运输局」 is 「示例县交通运输局」).
 */
export function agencyNameKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}

/**
 * Whether a text is nothing but the names of places, each ending in its kind (「示例县」, 「淮安市洪泽区」):
 * what may stand before an agency's name without making it another agency (sameAgency).
 */
export function isPlaceNames(text: string): boolean {
  return PLACES.test(text.replace(/\s+/g, ''));
}

/** Whether an agency name identifies no one (the importer's 「（未识别机关）」, or blank). */
export function isUnnamedAgency(name: string): boolean {
  const x = agencyNameKey(name);
  return !x || UNNAMED.test(x);
}

/** One or more place names, each ending in its kind: 省, 自治区, 市, 自治州, 州, 盟, 地区, 县, 自治县, 旗, 区. */
const PLACES = /^(?:[\p{Script=Han}]{1,12}?(?:省|自治区|市|州|盟|地区|县|旗|区))+$/u;

/** Best-effort kind and level from an agency's name; callers may override either. */
export function inferAgency(name: string): { kind: AgencyKind; level?: AdminLevel } {
  // a bracketed second name at the end (「…办公室（县外事办）」) says nothing of kind or level
  const n = name.replace(/\s+/g, '').replace(/^(.{2,}?)[（(][^（()）]*[）)]$/u, '$1');
  // 市 and 县 inside a department's own name are no place: 「某某县市场监督管理局」 is 县级, and so
  // is 「某某县城市管理局」 (a place name ending in 城 keeps its 市: 「盐城市城市管理局」 is 市级)
  const placeOnly = n
    .replace(/市场(?=监督|监管|服务|发展|管理|建设|经营|开发)/gu, '场')
    .replace(/城市(?=管理|建设|规划|综合|更新|执法|运行|服务|园林|供水|公用)/gu, '城')
    .replace(/市政(?=工程|设施|公用|园林|管理|服务)/gu, '政')
    .replace(/市容/gu, '容')
    // 社区 and 小区 are no 区 (district): 「甲镇社区服务中心」 is a township's
    .replace(/(社|小)区/gu, '$1');
  const kind: AgencyKind = /街道办事处$|街道$/.test(n)
    ? '街道办事处'
    : /人民政府$|^国务院$/.test(n)
      ? '人民政府'
      : /(局|委员会|委|厅|办公室|办|部|署|院|中心|所|站|队|管理委员会)$/.test(n)
        ? '政府部门'
        : '其他';
  let level: AdminLevel | undefined;
  if (/(镇|乡|街道)(人民政府|办事处)?$/.test(n) || /街道办事处$/.test(n)) level = '乡镇级';
  else if (
    /^国务院|^国家|^中华人民共和国/.test(n) ||
    /^(教育部|公安部|财政部|商务部|司法部|民政部|科学技术部|工业和信息化部|自然资源部|生态环境部|住房和城乡建设部|交通运输部|水利部|农业农村部|文化和旅游部|国家卫生健康委员会|退役军人事务部|应急管理部|审计署|外交部|国防部|人力资源和社会保障部)/.test(
      n,
    )
  )
    level = '国务院部门';
  else if (/^[^市县区]{2,12}(省|自治区)(人民政府)?/.test(n) && !/(省|自治区).{1,10}(市|州|盟|县|区)/.test(n))
    level = '省级';
  else if (
    /^(北京|上海|天津|重庆)市(人民政府)?(办公厅)?$/.test(n) ||
    /^(北京|上海|天津|重庆)市[^区县]*$/.test(n)
  )
    level = '省级';
  else if (
    /(县|区|旗|县级市)(人民政府)?$/.test(placeOnly) ||
    /(县|区|旗)[^市]{1,20}(局|委|委员会|办|办公室|厅|中心)$/.test(placeOnly)
  )
    level = '县级';
  else if (
    /(市|州|盟)(人民政府)?$/.test(placeOnly) ||
    /(市|州|盟)[^县区]{1,20}(局|委|委员会|办|办公室|中心)$/.test(placeOnly)
  )
    // A 县级市 (昆山市) is 县级; a 「某某市」 neither list knows is taken as 市级.
    level = cityLevel(n) ?? '市级';
  else if (
    /(镇|乡|街道)[^县区市]{0,20}(局|委|委员会|办|办公室|中心|所|站)$/.test(placeOnly.replace(/城乡/gu, '城'))
  )
    // a township's own office (「甲镇社区服务中心」「某乡农业综合服务站」), 城乡 being no 乡
    level = '乡镇级';
  return level ? { kind, level } : { kind };
}

export function emptySections(): Sections {
  return {
    overview: '',
    activeDisclosure: '',
    applications: '',
    reviewLitigation: '',
    problems: '',
    other: '',
  };
}

export interface CreateReportInput {
  year: number;
  agency: string | Agency;
  edition?: EditionId;
  scope?: 'agency' | 'region';
}

/** A new report for a year: the edition chosen by the year, every cell present and blank. */
export function createEmptyReport(input: CreateReportInput): Report {
  const { year } = input;
  if (!Number.isInteger(year)) throw new NianbaoError('INVALID_YEAR', `报告年度必须是整数：${String(year)}`);
  const edition = input.edition ?? editionForYear(year);
  if (!edition)
    throw new NianbaoError(
      'NO_EDITION_FOR_YEAR',
      `${year} 年没有适用的全国统一年报格式（统一格式自 2019 年度起施行）`,
      {
        year,
      },
    );
  // From JavaScript the agency may be missing or no name at all: said, not a TypeError.
  const given: unknown = input.agency;
  const agency: Agency | undefined =
    typeof given === 'string'
      ? { name: given.trim(), ...inferAgency(given) }
      : given && typeof given === 'object'
        ? (given as Agency)
        : undefined;
  if (!agency || typeof agency.name !== 'string' || !agency.name.trim())
    throw new NianbaoError('INVALID_AGENCY', '机关名称不能为空（agency 须为机关名称，或带 name 的对象）');
  const cells: Record<CellId, Cell> = {};
  for (const def of getEdition(edition).cells) {
    cells[def.id] =
      def.valueType === 'money'
        ? { value: null, unit: def.unit === '万元' ? '万元' : 'unknown' }
        : { value: null };
  }
  return {
    schemaVersion: 1,
    meta: { agency, year, edition, scope: input.scope ?? 'agency' },
    sections: emptySections(),
    cells,
  };
}

export function getCell(report: Report, id: CellId): Cell | undefined {
  return report.cells[id];
}

/** The number in a cell: a number, null when blank, undefined when the cell is absent. */
export function getValue(report: Report, id: CellId): number | null | undefined {
  const c = report.cells[id];
  return c === undefined ? undefined : c.value;
}

function requireCellDef(report: Report, id: CellId): CellDef {
  const def = cellDef(report.meta.edition, id);
  if (!def)
    throw new NianbaoError('UNKNOWN_CELL', zh`单元格 ${id} 不属于${editionName(report.meta.edition)}`, {
      cell: id,
      edition: report.meta.edition,
    });
  return def;
}

/**
 * Set a cell by id; returns a new report (the input is not changed). A number, null (blank), or a
 * whole cell. The cell must exist in the report's edition.
 */
export function setCell(report: Report, id: CellId, value: number | null | Cell): Report {
  const def = requireCellDef(report, id);
  let cell: Cell;
  if (value === null || typeof value === 'number') {
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new NianbaoError('INVALID_VALUE', `${def.label}：数值必须是有限数`, { cell: id });
    const unsafe = typeof value === 'number' ? unsafeNumberMessage(value) : undefined;
    if (unsafe) throw new NianbaoError('INVALID_VALUE', `${def.label}：${unsafe}`, { cell: id });
    const prev = report.cells[id];
    cell = { value, origin: 'entered' };
    if (def.valueType === 'money') cell.unit = prev?.unit ?? (def.unit === '万元' ? '万元' : 'unknown');
  } else {
    const parsed = CellSchema.safeParse(value, { error: zhErrorMap });
    if (!parsed.success)
      throw new NianbaoError(
        'INVALID_VALUE',
        `${def.label}：${parsed.error.issues.map((i) => i.message).join('；')}`,
        {
          cell: id,
        },
      );
    cell = parsed.data;
  }
  return { ...report, cells: { ...report.cells, [id]: cell } };
}

/** Set several cells at once (a pasted block); same checks as setCell. */
export function setCells(report: Report, values: Readonly<Record<CellId, number | null | Cell>>): Report {
  let r = report;
  for (const [id, v] of Object.entries(values)) r = setCell(r, id, v);
  return r;
}

export function setSection(report: Report, key: SectionKey, text: string | null): Report {
  if (!SECTION_KEYS.includes(key)) throw new NianbaoError('UNKNOWN_SECTION', `未知的章节：${String(key)}`);
  return { ...report, sections: { ...report.sections, [key]: text } };
}

/**
 * An edition as people know it, for messages: 「《格式（试行）》」 (国办公开办函〔2019〕60号) and 「2021 版格式」
 * (国办公开办函〔2021〕30号) — never the internal id (2019-trial).
 */
export function editionName(edition: EditionId): string {
  const e = getEdition(edition);
  return e.formatTitle.endsWith('（试行）') ? '《格式（试行）》' : `${e.publishedOn.slice(0, 4)} 版格式`;
}

/**
 * A message built from values with a space where a value meets Chinese text with a digit or Latin
 * letter, as every other message writes 「第 3 版」 and 「报告年度 2021」: zh`适用${editionName('2021')}`
 * is 「适用 2021 版格式」, not 「适用2021 版格式」; 「适用《格式（试行）》」 stays as it is (no space
 * next to full-width punctuation). Only the joins are touched: the template's own text and each
 * value are kept as written.
 */
export function zh(strings: TemplateStringsArray, ...values: readonly unknown[]): string {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) {
    for (const piece of [String(values[i]), strings[i + 1]!]) {
      if (needsSpace(out, piece)) out += ' ';
      out += piece;
    }
  }
  return out;
}

const HAN_END = /\p{Script=Han}$/u;
const HAN_START = /^\p{Script=Han}/u;
const ALNUM_END = /[0-9A-Za-z]$/;
const ALNUM_START = /^[0-9A-Za-z]/;
const needsSpace = (left: string, right: string): boolean =>
  (HAN_END.test(left) && ALNUM_START.test(right)) || (ALNUM_END.test(left) && HAN_START.test(right));

/** The standard title: 「<机关名称><年份>年政府信息公开工作年度报告」. */
export function standardTitle(report: Pick<Report, 'meta'>): string {
  const region = report.meta.scope === 'region' ? '（区域汇总）' : '';
  return `${report.meta.agency.name}${report.meta.year}年政府信息公开工作年度报告${region}`;
}

/**
 * Fill every blank input cell with a value (the form's 「其余空白填 0」: the format asks for 0 where
 * there is no data). Derived totals are left for `derive`; cells already filled are untouched.
 */
export function fillBlanks(report: Report, value = 0): Report {
  const edition = getEdition(report.meta.edition);
  const cells = { ...report.cells };
  for (const def of edition.cells) {
    const c = cells[def.id];
    if (def.derived || !c || c.value !== null) continue;
    cells[def.id] = { ...c, value, origin: 'entered' };
  }
  return { ...report, cells };
}
