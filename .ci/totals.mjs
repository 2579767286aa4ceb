// Sum vitest JSON reports: prints "N passed, N failed[, N skipped]" as the last line, and before the
// per-suite lines every failed test (suite, file, name, the first lines of its message), so a failing
// CI run says which test failed even where only the end of its output is kept.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const dir = process.argv[2];
/** vitest's colours in its messages. */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
let passed = 0;
let failed = 0;
let skipped = 0;
const lines = [];
const failures = [];
for (const f of readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const suite = f.replace(/\.json$/, '');
  const r = JSON.parse(readFileSync(join(dir, f), 'utf8'));
  const s = r.numPendingTests + (r.numTodoTests ?? 0);
  lines.push(`${suite.padEnd(16)} ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${s} skipped`);
  passed += r.numPassedTests;
  for (const file of r.testResults ?? []) {
    const name = relative(process.cwd(), file.name ?? '');
    // A file that failed to load (syntax, import) has no tests, and one whose beforeAll failed has
    // them all skipped: a failure all the same, counted once (it failed 2026-12-03, counted as none).
    if (file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed')) {
      failed++;
      failures.push({ suite, name, test: '(the file did not run its tests)', message: file.message ?? '' });
    }
    for (const t of file.assertionResults ?? [])
      if (t.status === 'failed')
        failures.push({
          suite,
          name,
          test: t.fullName ?? t.title,
          message: (t.failureMessages ?? []).join('\n'),
        });
  }
  failed += r.numFailedTests;
  skipped += s;
}
if (failures.length) {
  console.log(`failed tests (${failures.length}):`);
  for (const x of failures) {
    console.log(`- [${x.suite}] ${x.name} › ${x.test}`);
    const msg = x.message.replace(ANSI, '').split('\n').filter(Boolean).slice(0, 6);
    for (const l of msg) console.log(`    ${l.slice(0, 240)}`);
  }
  console.log('');
}
for (const l of lines) console.log(l);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
