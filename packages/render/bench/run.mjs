// Benchmark of @nianbao/render (not a test): `npm run bench`. Time per report for each format
// (2021 non-zero report, and a 2019-trial one), and 1,000 distinct reports into one open-data CSV.
import { exampleReport, setCell, validate } from '@nianbao/core';
import { FORMATS, render, renderFindingsCsv, renderFindingsXlsx, renderOpenData } from '../dist/index.js';

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

// 问题清单 of a big region: 2,500 checked reports with errors in them, every finding a row. XLSX is
// written as a stream (rows committed as added): its heap growth beside the CSV's says what it holds.
const checked = Array.from({ length: 2500 }, (_, i) => {
  let r = exampleReport({ year: 2025, agency: { name: `第${i}号局` }, scale: 1 + (i % 3) });
  r = setCell(r, 'applications.newReceived.naturalPerson', 60 + i);
  r = setCell(r, 'applications.granted.commercialEnterprise', null);
  return {
    source: `r${i}.json`,
    agency: r.meta.agency.name,
    year: 2025,
    edition: r.meta.edition,
    findings: validate(r),
  };
});
const findingRows = checked.reduce((n, c) => n + c.findings.filter((f) => f.status === 'failed').length, 0);
const listRows = [];
for (const format of ['xlsx', 'csv']) {
  gc();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const watch = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 10);
  let bytes = 0;
  const t0 = performance.now();
  const out = format === 'xlsx' ? await renderFindingsXlsx(checked) : renderFindingsCsv(checked);
  const ms = performance.now() - t0;
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  clearInterval(watch);
  bytes = typeof out === 'string' ? out.length : out.length;
  listRows.push([format.toUpperCase(), ms, bytes, (peak - before) / 1e6]);
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
console.log(
  `\n问题清单 of ${checked.length.toLocaleString()} checked reports (${findingRows.toLocaleString()} findings, a row each)\n`,
);
console.log(
  `${'format'.padEnd(8)} ${'ms'.padStart(9)} ${'µs/row'.padStart(8)} ${'bytes'.padStart(12)} ${'heap growth MB'.padStart(15)}`,
);
console.log('-'.repeat(56));
for (const [name, ms, bytes, heap] of listRows)
  console.log(
    `${name.padEnd(8)} ${ms.toFixed(0).padStart(9)} ${((ms * 1000) / findingRows).toFixed(1).padStart(8)} ${bytes
      .toLocaleString()
      .padStart(12)} ${heap.toFixed(0).padStart(15)}`,
  );
const [x, c] = listRows;
console.log(
  `XLSX / CSV: time ×${(x[1] / c[1]).toFixed(1)}, heap growth ×${(x[3] / Math.max(1, c[3])).toFixed(1)}`,
);
console.log('');
