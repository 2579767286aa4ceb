// Regenerate schema/report.schema.json (from core's zod schemas) and schema/opendata.schema.json
// (the open data's rows) — run after `npm run build`.
import { writeFileSync } from 'node:fs';
import { openDataJsonSchema } from '../dist/opendata.js';
import { reportJsonSchemaText } from '../dist/schema.js';

const target = new URL('../schema/report.schema.json', import.meta.url);
writeFileSync(target, reportJsonSchemaText());
console.log(`wrote ${target.pathname}`);
const rows = new URL('../schema/opendata.schema.json', import.meta.url);
writeFileSync(rows, `${JSON.stringify(openDataJsonSchema(), null, 2)}\n`);
console.log(`wrote ${rows.pathname}`);
