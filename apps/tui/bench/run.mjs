// Benchmark of the `nianbao` command line as whole processes (wall time, spawn to exit):
//   1. `nianbao check DIR` over 1,000 report files (500 JSON in our model, 500 published text);
//   2. `nianbao --version` start-up.
// Goals (issue 7): 1,000 files under 2 s; start-up under 300 ms. ratio = median / goal (< 1 meets it).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const here = import.meta.dirname;
const cli = join(here, '..', 'dist', 'cli.js');
const fixtures = join(here, '..', 'fixtures');
const FILES = Number(process.env.NIANBAO_BENCH_FILES ?? 1000);
const RUNS = Number(process.env.NIANBAO_BENCH_RUNS ?? 5);

function corpus() {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-bench-'));
  const jsonDir = join(dir, 'json');
  const textDir = join(dir, 'text');
  mkdirSync(jsonDir);
  mkdirSync(textDir);
  const jsons = [
    'seed-2020.json',
    'example-2021.json',
    'example-2022.json',
    'typo-2022.json',
    'other-agency-2022.json',
  ].map((f) => readFileSync(join(fixtures, f), 'utf8'));
  const text = readFileSync(join(fixtures, 'seed-2020.txt'), 'utf8');
  for (let i = 0; i < FILES; i++) {
    const name = `r${String(i).padStart(4, '0')}`;
    if (i % 2 === 0) {
      // Different agencies, so nothing is cached across files.
      const r = JSON.parse(jsons[(i / 2) % jsons.length]);
      r.meta.agency.name = `${r.meta.agency.name.replace(/人民政府$|局$/, '')}${i}号${r.meta.agency.name.endsWith('局') ? '局' : '人民政府'}`;
      writeFileSync(join(jsonDir, `${name}.json`), JSON.stringify(r, null, 2));
    } else writeFileSync(join(textDir, `${name}.txt`), text.replaceAll('坑仔口镇', `坑仔口${i}镇`));
  }
  return dir;
}

// CPU time (user + sys) through GNU time where present: on a busy machine wall time says as much
// about the neighbours as about nianbao.
const GNU_TIME = spawnSync('/usr/bin/time', ['-f', '%U', 'true']).status === 0;

function time(args) {
  const cmd = GNU_TIME ? '/usr/bin/time' : process.execPath;
  const argv = GNU_TIME ? ['-f', '@@cpu %U %S', process.execPath, cli, ...args] : [cli, ...args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const stderr = r.stderr.toString();
  const m = /@@cpu ([\d.]+) ([\d.]+)/.exec(stderr);
  return { ms, cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : undefined, code: r.status, stderr };
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)], max: s[s.length - 1] };
};

const dir = corpus();
try {
  const rows = [];
  const measure = (what, args, runs, goal) => {
    const wall = [];
    const cpu = [];
    for (let i = 0; i < runs; i++) {
      const r = time(args);
      if (r.code === 2) throw new Error(`${what} failed: ${r.stderr}`);
      wall.push(r.ms);
      if (r.cpu !== undefined) cpu.push(r.cpu);
    }
    rows.push({ what, ...stats(wall), cpu: cpu.length ? stats(cpu).median : undefined, goal });
  };
  measure(`check ${FILES} files (JSON + text)`, ['check', '--json', dir], RUNS, 2000);
  measure(`check ${FILES / 2} JSON files`, ['check', '--json', join(dir, 'json')], RUNS);
  measure(`check ${FILES / 2} text files`, ['check', '--json', join(dir, 'text')], RUNS);
  measure('nianbao --version (start-up)', ['--version'], Math.max(10, RUNS * 4), 300);
  const node = [];
  for (let i = 0; i < 10; i++) {
    const t0 = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', '0']);
    node.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  rows.push({ what: 'node -e 0 (baseline)', ...stats(node) });
  const fmt = (x) => (x === undefined ? '' : `${x.toFixed(0)} ms`);
  console.log(
    `nianbao CLI benchmark — Node ${process.version}, ${availableParallelism()} CPUs, load ${loadavg()[0].toFixed(1)}, ${RUNS} runs, wall time (CPU time of the process)`,
  );
  console.table(
    rows.map((r) => ({
      benchmark: r.what,
      min: fmt(r.min),
      median: fmt(r.median),
      max: fmt(r.max),
      'cpu (median)': fmt(r.cpu),
      goal: r.goal ? `< ${r.goal} ms ${r.median < r.goal ? '✓' : '✗'}` : '',
      ratio: r.goal ? `${(r.median / r.goal).toFixed(2)} × goal` : '',
    })),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
