/**
 * The JSON Schema of the report model, generated from core's zod schemas (zod 4 `toJSONSchema`),
 * for integrators. Published as `@nianbao/render/schema/report.schema.json`; `npm run schema`
 * regenerates it and a test fails when it is stale.
 */
import { EDITION_IDS, listCells, ReportSchema, TABLE_KEYS } from '@nianbao/core';
import { z } from 'zod';

export const REPORT_SCHEMA_ID = 'https://nianbao.dev/schema/report.schema.json';

/** JSON Schema (draft 2020-12) of a report (`Report` in @nianbao/core). */
export function reportJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(ReportSchema, { unrepresentable: 'any' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  const properties = { ...(rest.properties as Record<string, Record<string, unknown>>) };
  const cellIdPattern = `^(${TABLE_KEYS.join('|')})\\.[A-Za-z0-9_]+\\.[A-Za-z0-9_]+$`;
  properties.cells = {
    ...properties.cells,
    description:
      '每个单元格按编号（表.行.列，见 cell-ids.md）。value 为 null 表示空白（空白不是 0）；缺少某个编号表示该行或列不在表中。',
    propertyNames: { type: 'string', pattern: cellIdPattern },
  };
  const defs: Record<string, unknown> = {};
  for (const id of EDITION_IDS) {
    defs[`cellIds_${id}`] = {
      description: `${id} 版格式的全部单元格编号（按表格印刷顺序）`,
      type: 'string',
      enum: listCells(id).map((c) => c.id),
    };
  }
  return {
    $schema,
    $id: REPORT_SCHEMA_ID,
    title: '政府信息公开工作年度报告（Nianbao 报告数据模型）',
    description:
      'Generated from the zod schemas of @nianbao/core. Blank cells are {"value": null}, never 0. Cell ids: <table>.<row>.<column>.',
    ...rest,
    properties,
    $defs: { ...((rest.$defs as Record<string, unknown>) ?? {}), ...defs },
  };
}

/** The schema as the text of the published file (2-space indent, trailing newline). */
export function reportJsonSchemaText(): string {
  return `${JSON.stringify(reportJsonSchema(), null, 2)}\n`;
}
