// Benchmark of @nianbao/render (not a test): `npm run bench`. Time per report for each format
// (2021 non-zero report, and a 2019-trial one), and 1,000 distinct reports into one open-data CSV.
import { exampleReport } from '@nianbao/core';
import { FORMATS, render, renderOpenData } from '../dist/index.js';

const gc = globalThis.gc ?? (() => {});

/** Mean ms per call over at least `minMs` and at least `minRuns` calls, after a warm-up. */
async function time(fn, { minMs = 600, minRuns = 5, warmup = 3 } = {}) {
  for (let i = 0; i < warmup; i++) await fn(i);
  gc();
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs || n < minRuns) {
    await fn(n++);
    elapsed = performance.now() - start;
  }
  return elapsed / n;
}

const reports = {
  2021: exampleReport({ year: 2021 }),
  '2019-trial': exampleReport({ year: 2020 }),
};
const rows = [];
for (const [edition, report] of Object.entries(reports)) {
  for (const format of FORMATS) {
    let bytes = 0;
    const ms = await time(async () => {
      const out = await render(report, format);
      bytes = typeof out === 'string' ? new TextEncoder().encode(out).length : out.length;
    });
    rows.push([`render ${format.padEnd(4)} (${edition})`, ms, bytes]);
  }
}

// 1,000 distinct reports (different agencies, years and numbers) into one CSV, and one JSON.
const N = 1000;
const many = Array.from({ length: N }, (_, i) =>
  exampleReport({ year: 2019 + (i % 7), agency: { name: `第${i}号局` }, scale: 1 + (i % 5) }),
);
for (const format of ['csv', 'json']) {
  let bytes = 0;
  let lines = 0;
  const ms = await time(
    () => {
      const out = renderOpenData(many, format);
      bytes = out.length;
      if (format === 'csv') lines = out.split('\n').length - 2;
    },
    { minMs: 1500, minRuns: 3, warmup: 1 },
  );
  rows.push([`${N.toLocaleString()} reports → one open-data ${format.toUpperCase()}`, ms, bytes, lines]);
}

console.log(`\n@nianbao/render — Node ${process.version}\n`);
console.log(`${'operation'.padEnd(42)} ${'ms/op'.padStart(9)} ${'output bytes'.padStart(13)}`);
console.log('-'.repeat(66));
for (const [name, ms, bytes, lines] of rows) {
  console.log(
    `${name.padEnd(42)} ${ms.toFixed(2).padStart(9)} ${bytes.toLocaleString().padStart(13)}${
      lines ? `  (${lines.toLocaleString()} rows)` : ''
    }`,
  );
}
console.log('');
