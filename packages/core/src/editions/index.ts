import {
  type ApplicationsTableData,
  type ColumnDef,
  EDITION_DATA,
  type EditionData,
  type ReviewLitigationTableData,
  type RowDef,
  type SectionKey,
  type TableKey,
  type ValueType,
} from './data.js';

export type { BlockDef, ColumnDef, RowDef, SectionDef, SectionKey, TableKey, ValueType } from './data.js';

export const EDITION_IDS = ['2019-trial', '2021'] as const;
export type EditionId = (typeof EDITION_IDS)[number];

export const TABLE_KEYS: readonly TableKey[] = ['activeDisclosure', 'applications', 'reviewLitigation'];
export const SECTION_KEYS: readonly SectionKey[] = [
  'overview',
  'activeDisclosure',
  'applications',
  'reviewLitigation',
  'problems',
  'other',
];

export const TABLE_LABELS: Record<TableKey, string> = {
  activeDisclosure: '表二（主动公开政府信息情况）',
  applications: '表三（收到和处理政府信息公开申请情况）',
  reviewLitigation: '表四（政府信息公开行政复议、行政诉讼情况）',
};
export const TABLE_SHORT: Record<TableKey, string> = {
  activeDisclosure: '表二',
  applications: '表三',
  reviewLitigation: '表四',
};

/** A cell id: `<table>.<row>.<column>` (spec/cell-ids.md). */
export type CellId = string;

export interface CellDef {
  readonly id: CellId;
  readonly table: TableKey;
  readonly row: string;
  readonly column: string;
  /** 表二 only: the block (第二十条第（一）项 …). */
  readonly block?: string;
  readonly blockCaption?: string;
  readonly rowLabel: string;
  readonly columnLabel: string;
  readonly valueType: ValueType;
  /** Fixed unit of the format (万元) or null where the header prints none; undefined for counts. */
  readonly unit?: string | null;
  /** Computed from other cells (总计 column, （七）总计, 表四 总计). */
  readonly derived: boolean;
  /** Human label in 简体中文, e.g. 「表三 一、本年新收政府信息公开申请数量 · 自然人」. */
  readonly label: string;
}

export interface ApplicationsTable {
  readonly cornerNote: string;
  readonly columnGroups: ApplicationsTableData['columnGroups'];
  readonly columns: readonly ColumnDef[];
  /** Every row in printed order, group rows included. */
  readonly rows: readonly RowDef[];
  readonly dataRows: readonly RowDef[];
  /** Data rows under 三、本年度办理结果 that are summed into （七）总计. */
  readonly resultRows: readonly RowDef[];
}

/** An edition as the data gives it (data.ts), its tables resolved (no `inheritsFrom`) and indexed. */
export interface Edition extends Omit<EditionData, 'id' | 'tables'> {
  readonly id: EditionId;
  readonly tables: {
    readonly activeDisclosure: EditionData['tables']['activeDisclosure'];
    readonly applications: ApplicationsTable;
    readonly reviewLitigation: ReviewLitigationTableData;
  };
  readonly cells: readonly CellDef[];
  readonly cellIndex: ReadonlyMap<CellId, CellDef>;
}

function resolveApplications(data: EditionData, all: readonly EditionData[]): ApplicationsTableData {
  const t = data.tables.applications;
  if (!('inheritsFrom' in t)) return t;
  const base = all.find((e) => e.id === t.inheritsFrom);
  if (!base) throw new Error(`edition ${data.id}: unknown base ${t.inheritsFrom}`);
  const baseTable = resolveApplications(base, all);
  const rows: RowDef[] = [];
  for (const row of baseTable.rows) {
    const replacement = t.replaceRows?.[row.key];
    if (replacement) rows.push(...replacement);
    else rows.push(row);
  }
  return { ...baseTable, rows };
}

function resolveReview(data: EditionData, all: readonly EditionData[]): ReviewLitigationTableData {
  const t = data.tables.reviewLitigation;
  if (!('inheritsFrom' in t)) return t;
  const base = all.find((e) => e.id === t.inheritsFrom);
  if (!base) throw new Error(`edition ${data.id}: unknown base ${t.inheritsFrom}`);
  return resolveReview(base, all);
}

function buildEdition(data: EditionData): Edition {
  const appsData = resolveApplications(data, EDITION_DATA);
  const dataRows = appsData.rows.filter((r) => r.kind !== 'group');
  const resultRows = dataRows.filter((r) => r.parent !== undefined && r.key !== 'resultTotal');
  const applications: ApplicationsTable = { ...appsData, dataRows, resultRows };
  const reviewLitigation = resolveReview(data, EDITION_DATA);
  const cells: CellDef[] = [];
  for (const block of data.tables.activeDisclosure.blocks) {
    for (const row of block.rows) {
      for (const col of block.columns) {
        cells.push({
          id: `activeDisclosure.${row.key}.${col.key}`,
          table: 'activeDisclosure',
          row: row.key,
          column: col.key,
          block: block.key,
          blockCaption: block.caption,
          rowLabel: row.label,
          columnLabel: col.label,
          valueType: col.valueType ?? 'count',
          ...(col.valueType === 'money' ? { unit: col.unit ?? null } : {}),
          derived: false,
          label: `表二 ${block.caption} ${row.label} · ${col.label}`,
        });
      }
    }
  }
  // A numbered row under a group (「1.属于国家秘密」 under 「（三）不予公开」) is named with its group:
  // 「1.」 to 「3.」 recur in four groups, and a message or a 同比 line is read on its own.
  const groupOf = new Map(appsData.rows.filter((r) => r.kind === 'group').map((r) => [r.key, r]));
  const rowName = (row: (typeof dataRows)[number]) => {
    const group = row.parent === undefined ? undefined : groupOf.get(row.parent);
    return group?.parent !== undefined ? `${group.label} ${row.label}` : row.label;
  };
  for (const row of dataRows) {
    for (const col of applications.columns) {
      cells.push({
        id: `applications.${row.key}.${col.key}`,
        table: 'applications',
        row: row.key,
        column: col.key,
        rowLabel: row.label,
        columnLabel: col.label,
        valueType: 'count',
        derived: col.key === 'total' || row.key === 'resultTotal',
        label: `表三 ${rowName(row)} · ${col.label}`,
      });
    }
  }
  for (const row of reviewLitigation.rows) {
    for (const col of reviewLitigation.columns) {
      cells.push({
        id: `reviewLitigation.${row.key}.${col.key}`,
        table: 'reviewLitigation',
        row: row.key,
        column: col.key,
        rowLabel: row.label,
        columnLabel: col.label,
        valueType: 'count',
        derived: col.key === 'total',
        label: `表四 ${row.label} · ${col.label}`,
      });
    }
  }
  return {
    id: data.id as EditionId,
    documentNo: data.documentNo,
    formatTitle: data.formatTitle,
    publishedOn: data.publishedOn,
    reportYears: data.reportYears,
    sections: data.sections,
    tables: { activeDisclosure: data.tables.activeDisclosure, applications, reviewLitigation },
    cells,
    cellIndex: new Map(cells.map((c) => [c.id, c])),
  };
}

const EDITIONS: ReadonlyMap<EditionId, Edition> = new Map(
  EDITION_DATA.map((d) => [d.id as EditionId, buildEdition(d)]),
);

/** The resolved edition (sections, tables, every cell). */
export function getEdition(id: EditionId): Edition {
  const e = EDITIONS.get(id);
  if (!e) throw new RangeError(`未知的年报格式版本：${String(id)}`);
  return e;
}

export function isEditionId(x: unknown): x is EditionId {
  return typeof x === 'string' && (EDITION_IDS as readonly string[]).includes(x);
}

/** 2019–2020 → `2019-trial`; 2021 on → `2021`. Years before 2019 have no national format: undefined. */
export function editionForYear(year: number): EditionId | undefined {
  if (!Number.isInteger(year)) return undefined;
  for (const e of EDITIONS.values()) {
    if (year >= e.reportYears.from && (e.reportYears.to === null || year <= e.reportYears.to)) return e.id;
  }
  return undefined;
}

/** Every cell of an edition in printed order: id, labels, value type. */
export function listCells(edition: EditionId): readonly CellDef[] {
  return getEdition(edition).cells;
}

export function cellDef(edition: EditionId, id: CellId): CellDef | undefined {
  return getEdition(edition).cellIndex.get(id);
}

export function cellId(table: TableKey, row: string, column: string): CellId {
  return `${table}.${row}.${column}`;
}

const CELL_ID_RE = /^(activeDisclosure|applications|reviewLitigation)\.([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)$/;

export function parseCellId(id: string): { table: TableKey; row: string; column: string } | undefined {
  const m = CELL_ID_RE.exec(id);
  if (!m) return undefined;
  return { table: m[1] as TableKey, row: m[2]!, column: m[3]! };
}

/** The label of a cell id in any edition that has it (for messages about foreign cells). */
export function cellLabel(id: CellId, edition?: EditionId): string {
  const order: EditionId[] = edition
    ? [edition, ...EDITION_IDS.filter((e) => e !== edition)]
    : [...EDITION_IDS];
  for (const e of order) {
    const def = getEdition(e).cellIndex.get(id);
    if (def) return def.label;
  }
  return id;
}

/**
 * Label normalisation (domain.md §9): full/half-width brackets, "1." "1．" "1、", quotes, the 、/，
 * separator, and all whitespace (PDF extraction breaks 「自 然 人」「商业 企业」).
 */
export function normalizeLabel(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000]+/g, '')
    .replace(/[（(]/g, '（')
    .replace(/[）)]/g, '）')
    .replace(/^(\d+)[.．、]/, '$1.')
    .replace(/[“”"「」『』]/g, '"')
    .replace(/[，,]/g, '、')
    .replace(/[：:]/g, '：');
}
