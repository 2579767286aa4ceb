#!/usr/bin/env node
import { fork } from 'node:child_process';
// Benchmark (npm run bench): on loopback with 50 concurrent connections (autocannon), requests/s and
// p99 latency of checks.validate and reports.save on SQLite, beside a bare Hono route served by the
// same process as the baseline. The servers run in a child process so the load generator does not
// share their event loop. The API is measured twice: in one process, as the baselines are, and in
// BENCH_WORKERS processes (default: one per CPU) sharing its port and its SQLite file, as the server
// runs with WORKERS=n. Goals (issue 5): validate ≥ 50% of the bare route; ≥ 500 saves/s; p99 < 50 ms.
import cluster from 'node:cluster';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const REPORTS = CONNECTIONS + 14;
const RATE = Number(process.env.BENCH_RATE ?? 250);
const STEP = Number(process.env.BENCH_STEP ?? 50);
const MAX_RATE = 2000;
const WARMUP_MAX = Number(process.env.BENCH_WARMUP_MAX ?? 8);
const WORKERS = Math.max(1, Number(process.env.BENCH_WORKERS ?? availableParallelism()));

/**
 * Open-loop load: one request due every 1/rate s, sent on a free keep-alive connection (at most
 * CONNECTIONS); latency from the moment it was due. Returns autocannon-like figures.
 */
async function paced(port, headers, next, rate, seconds) {
  const http = await import('node:http');
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const lat = [];
  let errors = 0;
  let non2xx = 0;
  const inflight = new Set();
  const start = performance.now();
  const total = Math.round(rate * seconds);
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const req = next();
    if (!req) {
      errors++;
      continue;
    }
    const p = new Promise((resolve) => {
      const c = http.request(
        {
          host: '127.0.0.1',
          port,
          path: req.path,
          method: 'POST',
          agent,
          headers: { ...headers, 'content-length': Buffer.byteLength(req.body) },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (d) => (body += d));
          res.on('end', () => {
            lat.push(performance.now() - due);
            if (res.statusCode !== 200) non2xx++;
            req.done?.(res.statusCode, body);
            resolve();
          });
        },
      );
      c.on('error', () => {
        errors++;
        req.done?.(0, '');
        resolve();
      });
      c.end(req.body);
    });
    inflight.add(p);
    p.then(() => inflight.delete(p));
  }
  await Promise.all(inflight);
  agent.destroy();
  const seconds_ = (performance.now() - start) / 1000;
  lat.sort((a, b) => a - b);
  const q = (x) => Math.round(lat[Math.min(lat.length - 1, Math.floor(x * lat.length))] ?? 0);
  return {
    requests: { average: lat.length / seconds_, total: lat.length },
    latency: { p50: q(0.5), p90: q(0.9), p97_5: q(0.975), p99: q(0.99), max: Math.round(lat.at(-1) ?? 0) },
    non2xx,
    errors,
  };
}

/** The server's clock: in 2100, so that a report may be created for each year the bench uses. */
const TODAY = () => new Date('2100-06-01T00:00:00Z');

if (process.argv[2] === 'serve' && cluster.isWorker) {
  // ── a cluster worker: one more process of the API on the same SQLite file, sharing one port ──
  const { serve } = await import('@hono/node-server');
  const { createApp, openStore } = await import('../dist/index.js');
  // as `WORKERS=n node dist/main.js` decides: a validation thread only with more CPUs than processes
  const { setValidateThread } = await import('../dist/validate-pool.js');
  setValidateThread(
    process.env.NIANBAO_VALIDATE_THREAD?.trim()
      ? !['0', 'off', 'false', 'no'].includes(process.env.NIANBAO_VALIDATE_THREAD.trim().toLowerCase())
      : undefined,
    WORKERS,
  );
  const store = await openStore({ dataDir: process.env.BENCH_DATA_DIR });
  const app = createApp(store, { today: TODAY });
  serve({ fetch: app.fetch, port: Number(process.env.BENCH_CLUSTER_PORT), hostname: '127.0.0.1' }, () =>
    process.send({ listening: true }),
  );
  process.on('message', (m) => {
    if (m === 'cpu') process.send({ cpu: process.cpuUsage() });
    if (m === 'exit') process.exit(0);
  });
} else if (process.argv[2] === 'serve') {
  // ── child: the API (SQLite in a temp dir) and a bare Hono route, on free ports ──
  const { serve } = await import('@hono/node-server');
  const { Hono } = await import('hono');
  const { createApp, openStore, seedDemo } = await import('../dist/index.js');
  const store = await openStore({ dataDir: process.env.BENCH_DATA_DIR });
  const seed = await seedDemo(store, { password: 'bench-password' });
  // One report per connection in years after the demo's: the bench's clock is in 2100, so that a
  // report may be created for each of those years (the server refuses years that have not begun).
  const app = createApp(store, { today: TODAY });
  // Two baselines: the bare minimum (GET → a small JSON), and the same POST of the same 14 KB report
  // body read and JSON-parsed by Hono, answered with a small JSON: what any route taking a report pays
  // before it does anything.
  // And a third: tRPC itself, a procedure that does nothing with the same report (z.unknown(), no
  // context, no database), mounted the way the API is. What no tRPC procedure can do better than.
  const { initTRPC } = await import('@trpc/server');
  const { trpcServer } = await import('@hono/trpc-server');
  const { z } = await import('zod');
  const t = initTRPC.create();
  const floorRouter = t.router({
    noop: t.procedure
      .input(z.unknown())
      .mutation(({ input }) => ({ ok: true, keys: Object.keys(input).length })),
  });
  // And a fourth: the same validation on a bare Hono route — core's parseReport and validate with
  // last year's report (read once, then kept), no tRPC, no login, no database per request. What
  // checks.validate costs beyond the work itself.
  const { countFindings, parseReport, validate } = await import('@nianbao/core');
  const { reportFor } = await import('../dist/store.js');
  const previousOf = new Map();
  const bare = new Hono()
    .get('/', (c) => c.json({ ok: true }))
    .post('/', async (c) => {
      const body = await c.req.json();
      return c.json({ ok: true, keys: Object.keys(body).length });
    })
    .post('/validate', async (c) => {
      const parsed = parseReport((await c.req.json()).report);
      if (!parsed.ok) return c.json({ errors: parsed.errors }, 400);
      const r = parsed.value;
      const key = `${r.meta.agency.id}/${r.meta.year - 1}`;
      if (!previousOf.has(key))
        previousOf.set(key, (await reportFor(store.db, r.meta.agency.id, r.meta.year - 1))?.report ?? null);
      const previous = previousOf.get(key);
      const findings = validate(r, previous ? { previous } : {});
      return c.json({ findings, counts: countFindings(findings) });
    })
    .use('/trpc/*', trpcServer({ endpoint: '/trpc', router: floorRouter }));
  const listen = (fetch) =>
    new Promise((res) => serve({ fetch, port: 0, hostname: '127.0.0.1' }, (i) => res(i.port)));
  const apiPort = await listen(app.fetch);
  const barePort = await listen(bare.fetch);
  // The API again in WORKERS processes (node:cluster, as `WORKERS=n node dist/main.js`) on a port of
  // their own; this process's API stays idle meanwhile.
  const workers = [];
  let clusterPort = null;
  if (WORKERS > 1) {
    // as main.ts spreads connections over its processes
    const { chooseSchedulingPolicy } = await import('../dist/cluster-policy.js');
    chooseSchedulingPolicy();
    clusterPort = await new Promise((res) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address();
        probe.close(() => res(port));
      });
    });
    for (let i = 0; i < WORKERS; i++) {
      const w = cluster.fork({ BENCH_CLUSTER_PORT: String(clusterPort) });
      await new Promise((res) => w.once('message', res));
      workers.push(w);
    }
  }
  const cpuOf = (w) =>
    new Promise((res) => {
      const on = (m) => {
        if (m?.cpu) {
          w.off('message', on);
          res(m.cpu);
        }
      };
      w.on('message', on);
      w.send('cpu');
    });
  process.on('message', async (m) => {
    if (m === 'cpu') {
      // The server's CPU time: this process and every worker (the idle ones add next to nothing).
      const all = [process.cpuUsage(), ...(await Promise.all(workers.map(cpuOf)))];
      process.send({
        cpu: { user: all.reduce((n, c) => n + c.user, 0), system: all.reduce((n, c) => n + c.system, 0) },
      });
    }
    if (m === 'exit') {
      for (const w of workers) w.send('exit');
      await Promise.all(workers.map((w) => new Promise((res) => w.once('exit', res))));
      process.exit(0);
    }
  });
  process.send({ apiPort, clusterPort, barePort, users: seed.users.map((u) => u.username), year: seed.year });
} else {
  const autocannon = (await import('autocannon')).default;
  const { exampleReport } = await import('@nianbao/core');
  const dataDir = mkdtempSync(join(tmpdir(), 'nianbao-bench-'));
  const child = fork(fileURLToPath(import.meta.url), ['serve'], {
    env: { ...process.env, BENCH_DATA_DIR: dataDir },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    // BENCH_PROF=DIR: a V8 CPU profile of the server process, written when the bench ends.
    ...(process.env.BENCH_PROF
      ? { execArgv: ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] }
      : {}),
  });
  try {
    const {
      apiPort,
      clusterPort,
      barePort,
      year: demoYear,
    } = await new Promise((res, rej) => {
      child.once('message', res);
      child.once('exit', (c) => rej(new Error(`bench server exited (${c})`)));
    });
    const api = `http://127.0.0.1:${apiPort}`;
    const call = async (path, input, headers = {}) => {
      const r = await fetch(`${api}/trpc/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(input),
      });
      const body = await r.json();
      if (!r.ok) throw new Error(`${path}: ${JSON.stringify(body.error?.data ?? body)}`);
      return { data: body.result.data, cookie: r.headers.get('set-cookie') };
    };
    // A 填报人 of 示例县教育局 with an API token and one report per connection.
    const login = await call('auth.login', { username: 'jiaoyu', password: 'bench-password' });
    const cookie = login.cookie.split(';')[0];
    const { data: tok } = await call('auth.tokens.create', { name: 'bench' }, { cookie });
    const auth = { authorization: `Bearer ${tok.token}`, 'content-type': 'application/json' };
    const agencyId = login.data.user.agencyId;
    const reports = [];
    for (let y = demoYear + 1; reports.length < REPORTS; y++) {
      const { data } = await call('reports.create', { agencyId, year: y }, auth);
      const e = exampleReport({ year: y, agency: data.report.meta.agency });
      reports.push({
        id: data.id,
        version: 1,
        busy: false,
        report: { ...e, meta: { ...e.meta, agency: data.report.meta.agency } },
      });
    }
    const validateBody = JSON.stringify({ report: reports[0].report });
    // A save's body, the report serialised once: the load generator shares this machine's CPUs with
    // the server, and re-serialising 14 KB per request cost it ~0.1 ms of them. Two drafts per report,
    // told apart by a line of 其他需要报告的事项, sent in turn: a save of the content a report already
    // has stores nothing (unchanged: true), so sending one content again would measure no-op saves.
    // Version 1 is the empty report created above; on version v the draft of the other parity goes.
    for (const r of reports) {
      const other = r.report.sections.other ?? '';
      r.json = [1, 2].map((n) =>
        JSON.stringify({ ...r.report, sections: { ...r.report.sections, other: `${other}（第 ${n} 稿）` } }),
      );
    }
    const saveBody = (r) =>
      `{"id":${JSON.stringify(r.id)},"expectedVersion":${r.version},"report":${r.json[r.version % 2]}}`;
    /** Saves the server answered with unchanged: true (none expected: each is a new version). */
    let unchanged = 0;
    const savedVersion = (r, body) => {
      const data = JSON.parse(body).result.data;
      if (data.unchanged) unchanged++;
      r.version = data.version;
    };

    // Server CPU time per request (user + system, from the server process): a figure that holds
    // even when the machine is shared and wall-clock throughput is not.
    const cpu = () =>
      new Promise((res) => {
        const on = (m) => {
          if (m?.cpu) {
            child.off('message', on);
            res(m.cpu.user + m.cpu.system);
          }
        };
        child.on('message', on);
        child.send('cpu');
      });
    const run = async (title, { between, fixed, ...opts }) => {
      // Warm up (JIT tiers, zod's compiled parsers, the heap's young generation, caches) until the
      // throughput holds: one-second runs until two in a row are within 5% (at most WARMUP_MAX). A
      // server runs warm; a single second left the API rows ~25% below their steady state.
      let last = 0;
      for (let k = 0; k < WARMUP_MAX; k++) {
        await between?.();
        const w = await new Promise((res, rej) =>
          autocannon({ connections: CONNECTIONS, duration: 1, ...opts }, (err, x) =>
            err ? rej(err) : res(x),
          ),
        );
        const rate = w.requests.total;
        const steady = k > 0 && Math.abs(rate - last) <= 0.05 * Math.max(rate, last);
        last = rate;
        if (steady) break;
      }
      await between?.();
      const before = await cpu();
      const client0 = process.cpuUsage();
      const r = await new Promise((res, rej) => {
        autocannon({ connections: CONNECTIONS, duration: DURATION, ...opts }, (err, x) =>
          err ? rej(err) : res(x),
        );
      });
      const client = process.cpuUsage(client0);
      const used = (await cpu()) - before;
      const n = Math.max(1, r.requests.total);
      return { title, r, fixed, cpuMs: used / 1000 / n, clientMs: (client.user + client.system) / 1000 / n };
    };
    const results = [];
    results.push(await run('bare Hono route (GET /)', { url: `http://127.0.0.1:${barePort}/` }));
    results.push(
      await run('bare Hono route (POST the same report, JSON.parse)', {
        url: `http://127.0.0.1:${barePort}/`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: validateBody,
      }),
    );
    results.push(
      await run('tRPC procedure doing nothing (POST the same report)', {
        url: `http://127.0.0.1:${barePort}/trpc/noop`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: validateBody,
      }),
    );
    results.push(
      await run('bare Hono route validating the same report (no tRPC, login or database)', {
        url: `http://127.0.0.1:${barePort}/validate`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: validateBody,
      }),
    );
    let conflicts = 0;
    // Before each run: forget requests cut off mid-flight and read every report's version again, once
    // the server has answered what the last run left queued (a save still in its queue when the run
    // stopped would otherwise move a version after it was read, and the next run would conflict).
    const resync = async () => {
      await new Promise((r) => setTimeout(r, 1000));
      for (const r of reports) {
        const q = encodeURIComponent(JSON.stringify({ id: r.id }));
        r.busy = false;
        const got = await fetch(`${api}/trpc/reports.get?input=${q}`, { headers: auth }).then((x) =>
          x.json(),
        );
        r.version = got.result.data.version;
      }
    };
    /** validate and save at saturation, then paced, against the API on `port` (`procs` processes). */
    const apiScenarios = async (port, procs) => {
      const base = `http://127.0.0.1:${port}`;
      const label = procs > 1 ? `${procs} processes` : '1 process';
      const out = {};
      out.validate = await run(`checks.validate (full report, token; ${label})`, {
        url: `${base}/trpc/checks.validate`,
        method: 'POST',
        headers: auth,
        body: validateBody,
      });
      out.save = await run(`reports.save (new version, SQLite; ${label})`, {
        url: `${base}/trpc/reports.save`,
        between: resync,
        headers: auth,
        requests: [
          {
            method: 'POST',
            setupRequest: (req, context) => {
              const r = reports.find((x) => !x.busy);
              if (!r) throw new Error('no free report');
              r.busy = true;
              context.r = r;
              return {
                ...req,
                body: saveBody(r),
              };
            },
            onResponse: (status, body, context) => {
              const r = context.r;
              if (status === 200) savedVersion(r, body);
              else conflicts++;
              r.busy = false;
            },
          },
        ],
      });
      // The same two paced at a fixed rate below saturation (open loop, up to 50 connections): the
      // latency a user sees while the server is busy but keeping up. Latency counts from the moment
      // each request was due, so a stalled server cannot hide its queue. At saturation (above)
      // latency is only queueing: 50 connections ÷ throughput.
      const validateReq = () => ({ path: '/trpc/checks.validate', body: validateBody });
      const saveReq = () => {
        const r = reports.find((x) => !x.busy);
        if (!r) return undefined;
        r.busy = true;
        return {
          path: '/trpc/reports.save',
          body: saveBody(r),
          done: (status, body) => {
            if (status === 200) savedVersion(r, body);
            r.busy = false;
          },
        };
      };
      for (const [key, title, next] of [
        ['validateRate', `checks.validate paced at ${RATE}/s (${label})`, validateReq],
        ['saveRate', `reports.save paced at ${RATE}/s (${label})`, saveReq],
      ]) {
        await resync();
        await paced(port, auth, next, RATE, 1); // warm-up
        await resync();
        const before = await cpu();
        const client0 = process.cpuUsage();
        const r = await paced(port, auth, next, RATE, DURATION);
        const client = process.cpuUsage(client0);
        const used = (await cpu()) - before;
        const n = Math.max(1, r.requests.total);
        out[key] = {
          title,
          r,
          fixed: true,
          cpuMs: used / 1000 / n,
          clientMs: (client.user + client.system) / 1000 / n,
        };
      }
      // Then up from there in steps of BENCH_STEP/s, each paced run a fresh one (BENCH_SECONDS, at
      // most 5 s), until p99 reaches 50 ms or the server no longer keeps up: the highest rate at which
      // every request still gets its answer within the goal's latency.
      for (const [key, next, fixed] of [
        ['validateMax', validateReq, out.validateRate],
        ['saveMax', saveReq, out.saveRate],
      ]) {
        const seconds = Math.min(DURATION, 5);
        const ok = (r, rate) =>
          r.latency.p99 < 50 && r.non2xx + r.errors === 0 && r.requests.total >= rate * seconds * 0.98;
        let best = ok(fixed.r, RATE) ? { rate: RATE, p99: fixed.r.latency.p99 } : null;
        for (let rate = RATE + STEP; best && rate <= MAX_RATE; rate += STEP) {
          await resync();
          const r = await paced(port, auth, next, rate, seconds);
          if (!ok(r, rate)) break;
          best = { rate, p99: r.latency.p99 };
        }
        out[key] = best;
      }
      return out;
    };
    const single = await apiScenarios(apiPort, 1);
    const multi = clusterPort ? await apiScenarios(clusterPort, WORKERS) : null;
    for (const set of [single, multi]) if (set) results.push(set.validate, set.save);
    for (const set of [single, multi]) if (set) results.push(set.validateRate, set.saveRate);
    const bare = results[0].r.requests.average;
    console.log(
      `\n@nianbao/server bench — ${CONNECTIONS} connections, ${DURATION}s each, loopback, Node ${process.version}\n`,
    );
    const barePost = results[1].r.requests.average;
    const floor = results[2].r.requests.average;
    const bareValidate = results[3].r.requests.average;
    const pct = (x, of) => `${((x / of) * 100).toFixed(0)}%`;
    console.log(
      '| scenario | req/s | p50 ms | p99 ms | non-2xx | vs bare GET | vs bare POST | vs tRPC doing nothing | vs bare validate | server CPU ms/req | load generator CPU ms/req |',
    );
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const { title, r, cpuMs, clientMs, fixed } of results)
      console.log(
        `| ${title} | ${Math.round(r.requests.average)} | ${r.latency.p50} | ${r.latency.p99} | ${r.non2xx + r.errors} | ${fixed ? '—' : pct(r.requests.average, bare)} | ${fixed ? '—' : pct(r.requests.average, barePost)} | ${fixed ? '—' : pct(r.requests.average, floor)} | ${fixed ? '—' : pct(r.requests.average, bareValidate)} | ${cpuMs.toFixed(2)} | ${clientMs.toFixed(2)} |`,
      );
    console.log('');
    for (const { title, r } of results)
      console.log(
        `latency ${title}: p90 ${r.latency.p90} · p97.5 ${r.latency.p97_5} · p99 ${r.latency.p99} · max ${r.latency.max} ms (${r.requests.total} requests)`,
      );
    console.log(
      `\nload average at the end: ${(await import('node:os'))
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')} (${(await import('node:os')).cpus().length} CPUs)`,
    );
    const yes = (b) => (b ? 'yes' : 'no');
    const v = single.validate.r.requests.average;
    console.log(
      `\nceiling: a tRPC procedure doing nothing with the same report reaches ${pct(floor, bare)} of bare GET and ${pct(floor, barePost)} of bare POST`,
    );
    if (multi)
      console.log(
        `the ${WORKERS}-process rows are compared with the one-process baselines: they show what WORKERS=${WORKERS} adds on this machine, which also runs the load generator`,
      );
    const sets = [single, multi].filter(Boolean);
    const label = (set) => (set === single ? '1 process' : `${WORKERS} processes`);
    console.log(
      `goals: validate (1 process, as the baselines) ≥ 50% of bare GET: ${yes(v / bare >= 0.5)} · of bare POST: ${yes(v / barePost >= 0.5)} · of the bare route validating: ${yes(v / bareValidate >= 0.5)}`,
    );
    for (const set of sets)
      console.log(
        `goals, ${label(set)}: ≥ 500 saves/s: ${yes(set.save.r.requests.average >= 500)} (${Math.round(set.save.r.requests.average)}) · p99 < 50 ms at ${CONNECTIONS} connections (validate/save): ${yes(set.validate.r.latency.p99 < 50)}/${yes(set.save.r.latency.p99 < 50)} · paced at ${RATE}/s: p99 validate ${set.validateRate.r.latency.p99} ms, save ${set.saveRate.r.latency.p99} ms (< 50 ms: ${yes(set.validateRate.r.latency.p99 < 50)}/${yes(set.saveRate.r.latency.p99 < 50)})`,
      );
    for (const set of sets) {
      const at = (m) => (m ? `${m.rate}/s (p99 ${m.p99} ms)` : `none from ${RATE}/s`);
      console.log(
        `${label(set)}: p99 < 50 ms up to validate ${at(set.validateMax)} · save ${at(set.saveMax)} (paced, steps of ${STEP}/s) · ≥ 500 saves/s within p99 < 50 ms: ${yes((set.saveMax?.rate ?? 0) >= 500)}`,
      );
    }
    if (conflicts) console.log(`${conflicts} save conflicts (a report saved by two connections at once)`);
    if (unchanged) {
      console.log(
        `${unchanged} saves answered unchanged: true: the save rows counted saves that stored nothing`,
      );
      process.exitCode = 1;
    } else console.log('every save stored a new version (none answered unchanged: true)');
  } finally {
    if (process.env.BENCH_PROF) {
      child.send('exit');
      await new Promise((res) => child.once('exit', res));
    }
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}
