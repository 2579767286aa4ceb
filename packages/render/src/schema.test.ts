import { readFileSync } from 'node:fs';
import { EDITION_IDS, listCells } from '@nianbao/core';
import { describe, expect, it } from 'vitest';
import { reportJsonSchema, reportJsonSchemaText } from './schema.js';

describe('JSON Schema of the report model', () => {
  it('the published schema/report.schema.json is up to date (regenerate: npm run build && npm run schema)', () => {
    const file = readFileSync(new URL('../schema/report.schema.json', import.meta.url), 'utf8');
    expect(JSON.parse(file)).toEqual(JSON.parse(reportJsonSchemaText()));
  });

  it('is generated from the zod schemas: strict objects, blank as null, cell ids by pattern', () => {
    const s = reportJsonSchema() as {
      $schema: string;
      required: string[];
      additionalProperties: boolean;
      properties: Record<
        string,
        {
          propertyNames?: { pattern: string };
          additionalProperties?: { properties: { value: { type: string[] } } };
        }
      >;
      $defs: Record<string, { enum: string[] }>;
    };
    expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(s.required).toEqual(expect.arrayContaining(['schemaVersion', 'meta', 'sections', 'cells']));
    expect(s.additionalProperties).toBe(false);
    expect(s.properties.cells!.additionalProperties!.properties.value.type).toEqual(['number', 'null']);
    const re = new RegExp(s.properties.cells!.propertyNames!.pattern);
    for (const e of EDITION_IDS) {
      expect(s.$defs[`cellIds_${e}`]!.enum).toEqual(listCells(e).map((c) => c.id));
      for (const c of listCells(e)) expect(re.test(c.id)).toBe(true);
    }
    expect(re.test('applications.newReceived')).toBe(false);
  });
});
