// Regenerate schema/report.schema.json from core's zod schemas (run after `npm run build`).
import { writeFileSync } from 'node:fs';
import { reportJsonSchemaText } from '../dist/schema.js';

const target = new URL('../schema/report.schema.json', import.meta.url);
writeFileSync(target, reportJsonSchemaText());
console.log(`wrote ${target.pathname}`);
