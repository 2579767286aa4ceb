// Benchmark of @nianbao/ingest (not a test): `npm run bench -w @nianbao/ingest`. Reports per second
// for text, HTML and PDF input, each beside a baseline measured in the same run (reading the same
// bytes as UTF-8 text and splitting it into lines: the least any reader must do), and the peak
// memory while reading the largest fixture.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingest } from '../dist/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const fx = (p) => new Uint8Array(readFileSync(join(here, '..', 'fixtures', p)));
const gc = globalThis.gc ?? (() => {});

/** Runs per second of wall time, and CPU milliseconds per run (steadier on a busy machine). */
async function rate(fn, minMs = 1500, warm = 20) {
  for (let i = 0; i < warm; i++) await fn(); // warm up (JIT)
  let n = 0;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  while (performance.now() - start < minMs) {
    await fn();
    n++;
  }
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  return { perSec: (n * 1000) / wall, cpuMs: (cpu.user + cpu.system) / 1000 / n };
}

const inputs = [
  ['text: seed (PDF-to-text, 8 KB)', fx('seed/000_235ea5f4c50e8f7e.txt')],
  ['text: f03 flattened page (10 KB)', fx('corpus/f03.txt')],
  ['text: f08 Markdown (15 KB)', fx('corpus/f08.txt')],
  ['HTML: 上海 2019 (36 KB)', fx('corpus/028.txt')],
  ['PDF: 洪泽区 2024 (240 KB, 5 pages)', fx('pdf/huaian-hongze-2024.pdf')],
  ['PDF: 淮安市 2024 (413 KB)', fx('pdf/huaian-city-2024.pdf')],
];

const rows = [];
for (const [name, bytes] of inputs) {
  const base = await rate(() => new TextDecoder().decode(bytes).split('\n').length, 300);
  const pdf = name.startsWith('PDF');
  const r = await rate(() => ingest(bytes), pdf ? 4000 : 2000, pdf ? 2 : 30);
  rows.push([name, r, base]);
}

// peak memory on the largest fixture
const largest = inputs.map(([n, b]) => [n, b]).sort((a, b) => b[1].length - a[1].length)[0];
gc();
const before = process.memoryUsage();
let peakRss = before.rss;
let peakHeap = before.heapUsed;
const timer = setInterval(() => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}, 2);
for (let i = 0; i < 5; i++) {
  await ingest(largest[1]);
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}
clearInterval(timer);

const fmt = (x, d = 1) => x.toFixed(d).padStart(10);
console.log(`\n@nianbao/ingest — reports per second; Node ${process.version}\n`);
const load = (await import('node:os')).loadavg()[0];
console.log(
  `${'input'.padEnd(40)} ${'reports/s'.padStart(10)} ${'CPU ms/rep'.padStart(10)} ${'baseline/s'.padStart(11)} ${'ratio'.padStart(9)}`,
);
console.log('-'.repeat(84));
for (const [name, r, base] of rows)
  console.log(
    `${name.padEnd(40)} ${fmt(r.perSec)} ${fmt(r.cpuMs, 2)} ${fmt(base.perSec, 0).padStart(11)} ${(base.perSec / r.perSec).toFixed(0).padStart(9)}`,
  );
console.log('-'.repeat(84));
console.log(
  'baseline = decode the same bytes as UTF-8 and split into lines; ratio = how many times slower ingest is',
);
console.log(
  `machine load average (1 min) during the run: ${load.toFixed(1)} on ${(await import('node:os')).cpus().length} cores`,
);
console.log(
  `peak memory reading ${largest[0]} 5×: heap ${((peakHeap - before.heapUsed) / 1048576).toFixed(1)} MiB above the start (${(peakHeap / 1048576).toFixed(1)} MiB), RSS ${(peakRss / 1048576).toFixed(1)} MiB${globalThis.gc ? '' : ' — run with --expose-gc for a settled figure'}`,
);
console.log('goal: ≥ 100 text/HTML reports/s and ≥ 5 PDF reports/s on 2 cores; peak heap < 200 MiB\n');
