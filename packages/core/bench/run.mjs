// Benchmark of @nianbao/core (not a test): `npm run bench`. Prints a table with each operation
// beside its baseline measured in the same run: JSON.parse of the same report's JSON text.
import { derive, exampleReport, summarize, validate } from '../dist/index.js';

const gc = globalThis.gc ?? (() => {});
function time(fn, minMs = 400) {
  for (let i = 0; i < 200; i++) fn(i); // warm up
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 100; i++) fn(n++);
    elapsed = performance.now() - start;
  }
  return (elapsed * 1000) / n; // µs per call
}

const report = exampleReport({ year: 2023 });
const text = JSON.stringify(report);
const parse = time(() => JSON.parse(text));
const rows = [
  ['validate (all rules, 2021, non-zero)', time(() => validate(report))],
  ['derive', time(() => derive(report))],
  ['summarize', time(() => summarize(report))],
];

// 10,000 distinct reports: different agencies and numbers.
const N = 10_000;
const reports = Array.from({ length: N }, (_, i) =>
  exampleReport({
    year: 2021 + (i % 5),
    agency: { name: `第${i}号局`, kind: '政府部门', level: '县级' },
    scale: 1 + (i % 7),
  }),
);
const texts = reports.map((r) => JSON.stringify(r));
gc();
const heapBefore = process.memoryUsage().heapUsed;
let t0 = performance.now();
let findings = 0;
for (const r of reports) findings += validate(r).length;
const validateMany = ((performance.now() - t0) * 1000) / N;
gc();
const heapAfter = process.memoryUsage().heapUsed;
t0 = performance.now();
for (const t of texts) JSON.parse(t);
const parseMany = ((performance.now() - t0) * 1000) / N;
rows.push([`validate × ${N.toLocaleString()} distinct reports (per report)`, validateMany, parseMany]);

const fmt = (x) => x.toFixed(1).padStart(9);
console.log(
  `\n@nianbao/core — ${report.meta.edition} report, ${text.length.toLocaleString()} bytes of JSON; Node ${process.version}\n`,
);
console.log(
  `${'operation'.padEnd(52)} ${'µs/op'.padStart(9)} ${'JSON.parse µs'.padStart(14)} ${'ratio'.padStart(7)}`,
);
console.log('-'.repeat(86));
for (const [name, us, base = parse] of rows) {
  console.log(
    `${name.padEnd(52)} ${fmt(us)} ${fmt(base).padStart(14)} ${(us / base).toFixed(2).padStart(7)}`,
  );
}
console.log('-'.repeat(86));
console.log(
  `heap after validating ${N.toLocaleString()} reports: ${((heapAfter - heapBefore) / 1024 / 1024).toFixed(2)} MiB more than before (${findings} findings)${globalThis.gc ? '' : ' — run with --expose-gc for a settled figure'}`,
);
console.log(
  'goal: validate ≤ JSON.parse of the same report (ratio ≤ 1.0), < 50 µs; heap flat over the 10,000\n',
);
