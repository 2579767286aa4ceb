// Sum vitest JSON reports: prints "N passed, N failed[, N skipped]" as the last line.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const f of readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const r = JSON.parse(readFileSync(join(dir, f), 'utf8'));
  const s = r.numPendingTests + (r.numTodoTests ?? 0);
  console.log(
    `${f.replace(/\.json$/, '').padEnd(16)} ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${s} skipped`,
  );
  passed += r.numPassedTests;
  // A file that failed to load (syntax, import) has no tests but is a failure all the same.
  const broken = (r.testResults ?? []).filter(
    (t) => t.status === 'failed' && !(t.assertionResults ?? []).length,
  ).length;
  failed += r.numFailedTests + broken;
  skipped += s;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
