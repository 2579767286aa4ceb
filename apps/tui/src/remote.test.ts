import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { csvRecords } from '@nianbao/render';
import type { openStore } from '@nianbao/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, fixture, tempDir } from './test-support/cli.js';
import { demoServer } from './test-support/demo-server.js';

const run = promisify(execFile);

/** The real server on a free port over a temporary SQLite database, with the demo data. */
let url = '';
let token = '';
let stop: () => Promise<void> = async () => {};
let db: Awaited<ReturnType<typeof openStore>>['db'];

async function nianbao(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [CLI, ...args], {
      env: { ...process.env, NO_COLOR: '1', NIANBAO_SERVER: '', NIANBAO_TOKEN: '', ...env },
      maxBuffer: 1 << 26,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

/**
 * Someone else's change to a pulled copy (the server stores no new version for the same content):
 * a line of 其他需要报告的事项 of their own.
 */
function editElsewhere(file: string): void {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  r.sections.other = `${r.sections.other ?? ''}他人修改 ${Math.random()}`;
  writeFileSync(file, JSON.stringify(r));
}

beforeAll(async () => {
  const s = await demoServer();
  ({ url, token } = s);
  db = s.db;
  stop = s.stop;
}, 60_000);

afterAll(() => stop());

describe('--server: list, pull, push and check against the real tRPC API', () => {
  it('list, pull, edit locally, push a new version, check on the server', async () => {
    const listed = await nianbao(['list', '--server', url, '--token', token, '--json']);
    expect(listed.code).toBe(0);
    const items = JSON.parse(listed.stdout).items as {
      id: string;
      agencyName: string;
      year: number;
      version: number;
      status: string;
    }[];
    expect(items.length).toBeGreaterThan(0);
    const human = await nianbao(['list', '--server', url, '--token', token]);
    expect(human.stdout).toMatch(/编号\s+机关\s+年度\s+版本\s+状态/);
    const first = items.filter((i) => i.status === 'draft')[0]!;

    const dir = tempDir();
    const pulled = await nianbao(['pull', first.id, '--server', url, '--token', token, '-o', dir]);
    expect(pulled.code).toBe(0);
    const file = join(dir, `${first.agencyName}-${first.year}.json`);
    const report = JSON.parse(readFileSync(file, 'utf8'));
    expect(report.meta.agency.name).toBe(first.agencyName);
    expect(
      JSON.parse(readFileSync(join(dir, '.nianbao-sync.json'), 'utf8'))[
        `${first.agencyName}-${first.year}.json`
      ],
    ).toMatchObject({ id: first.id, version: first.version });

    report.sections.problems = '专职人员不足，下一步加强培训和督办。';
    writeFileSync(file, JSON.stringify(report));
    const pushed = await nianbao(['push', file, '--server', url, '--token', token, '--note', '命令行测试']);
    expect(pushed.stdout).toContain(`第 ${first.version + 1} 版`);
    expect(pushed.code).toBe(0);

    const checked = await nianbao(['check', '--json', '--server', url, '--token', token, first.id]);
    const out = JSON.parse(checked.stdout);
    expect(out.files[0]).toMatchObject({ ok: true, agency: first.agencyName, year: first.year });
    expect([0, 1]).toContain(checked.code);
  });

  it('push of a report with errors warns on stderr as render does (uploaded all the same)', async () => {
    const listed = JSON.parse((await nianbao(['list', '--server', url, '--token', token, '--json'])).stdout);
    const target = listed.items.find(
      (i: { status: string; openFindings: { error: number } }) =>
        i.status === 'draft' && i.openFindings.error > 0,
    );
    expect(target).toBeDefined();
    const dir = tempDir();
    await nianbao(['pull', target.id, '--server', url, '--token', token, '-o', dir]);
    const file = join(dir, `${target.agencyName}-${target.year}.json`);
    const r = await nianbao(['push', file, '--server', url, '--token', token]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/注意：该报告有 \d+ 个错误/);
    expect(r.stderr).toContain(`nianbao check ${file}`);
    expect(r.stdout).toContain('已上传');
    // pushed as pulled: the server stores no new version, and the line says so
    expect(r.stdout).toContain(`与报告 ${target.id} 第 ${target.version} 版内容相同，未生成新版本`);
  });

  it('push says what the server did not keep as the file has it (the save’s warnings), text and --json', async () => {
    const listed = JSON.parse((await nianbao(['list', '--server', url, '--token', token, '--json'])).stdout);
    const target = listed.items.find((i: { status: string }) => i.status === 'draft');
    const dir = tempDir();
    await nianbao(['pull', target.id, '--server', url, '--token', token, '-o', dir]);
    const file = join(dir, `${target.agencyName}-${target.year}.json`);
    const report = JSON.parse(readFileSync(file, 'utf8'));
    // a title without the agency's name: the server prints the standard one instead
    report.meta.title = `${target.year}年政府信息公开工作年度报告（本单位）`;
    writeFileSync(file, JSON.stringify(report));
    const r = await nianbao(['push', file, '--server', url, '--token', token]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toContain('已上传');
    expect(lines[1]).toMatch(/^ {2}注意（TITLE_DROPPED）：.*本单位/);
    report.sections.other = `${report.sections.other ?? ''}再次上传。`;
    writeFileSync(file, JSON.stringify(report));
    const j = await nianbao(['push', file, '--json', '--server', url, '--token', token]);
    const out = JSON.parse(j.stdout);
    expect(out.files[0].warnings).toEqual([expect.objectContaining({ code: 'TITLE_DROPPED' })]);
  });

  it('a push over a report changed elsewhere is refused, loudly', async () => {
    const listed = JSON.parse((await nianbao(['list', '--server', url, '--token', token, '--json'])).stdout);
    const target = listed.items.filter((i: { status: string }) => i.status === 'draft')[1];
    const dir = tempDir();
    await nianbao(['pull', target.id, '--server', url, '--token', token, '-o', dir]);
    const file = join(dir, `${target.agencyName}-${target.year}.json`);
    // Someone else saves first.
    const other = tempDir();
    await nianbao(['pull', target.id, '--server', url, '--token', token, '-o', other]);
    editElsewhere(join(other, `${target.agencyName}-${target.year}.json`));
    expect(
      (
        await nianbao([
          'push',
          join(other, `${target.agencyName}-${target.year}.json`),
          '--server',
          url,
          '--token',
          token,
        ])
      ).code,
    ).toBe(0);
    const r = await nianbao(['push', file, '--server', url, '--token', token]);
    expect(r.code).toBe(2);
    // the result is one line on stdout; stderr names the file not uploaded with its code (a report
    // with errors — the draft picked varies — is first noted on a line of its own)
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^未上传 .*（VERSION_CONFLICT）：服务器上的报告已被他人修改/);
    expect(r.stderr.trim().split('\n').at(-1)).toBe(
      `nianbao：1 个中有 1 个未上传：${file}（VERSION_CONFLICT）`,
    );
    // the CLI way, not the web page's 「请重新载入」: pull to another file, compare, or --expected-version
    expect(r.stdout).not.toContain('重新载入');
    expect(r.stdout).toContain(`nianbao pull ${target.id} -o `);
    expect(r.stdout).toContain('nianbao compare ');
    const current = JSON.parse(
      (await nianbao(['list', '--server', url, '--token', token, '--json'])).stdout,
    ).items.find((i: { id: string }) => i.id === target.id).version;
    expect(r.stdout).toContain(`--expected-version ${current}`);
    // our own advice as written, ending in the command to run (not put in 「（原始信息：…）」)
    expect(lines.at(-1)).toMatch(
      new RegExp(`确定以本地内容覆盖第 ${current} 版时：nianbao push \\S+ --expected-version ${current}$`),
    );
    expect(r.stdout).not.toContain('原始信息');
  });

  it('pull never overwrites local changes that were not pushed (unless --force); -o keeps them', async () => {
    const listed = JSON.parse((await nianbao(['list', '--server', url, '--token', token, '--json'])).stdout);
    const target = listed.items.filter((i: { status: string }) => i.status === 'draft')[2];
    const srv = ['--server', url, '--token', token];
    const dir = tempDir();
    expect((await nianbao(['pull', target.id, ...srv, '-o', dir])).code).toBe(0);
    const file = join(dir, `${target.agencyName}-${target.year}.json`);
    // Pulling again over the untouched file is fine.
    expect((await nianbao(['pull', target.id, ...srv, '-o', dir])).code).toBe(0);
    // Someone else saves a new version; we edit our copy; our push conflicts.
    const other = tempDir();
    await nianbao(['pull', target.id, ...srv, '-o', other]);
    editElsewhere(join(other, `${target.agencyName}-${target.year}.json`));
    expect(
      (await nianbao(['push', join(other, `${target.agencyName}-${target.year}.json`), ...srv])).code,
    ).toBe(0);
    const mine = JSON.parse(readFileSync(file, 'utf8'));
    mine.sections.problems = '本地修改：尚未上传。';
    writeFileSync(file, JSON.stringify(mine));
    const edited = readFileSync(file, 'utf8');
    expect((await nianbao(['push', file, ...srv])).code).toBe(2);
    // pull refuses: the edit is still there, and the message says how to keep it
    const refused = await nianbao(['pull', target.id, ...srv, '-o', dir]);
    expect(refused.code).toBe(2);
    expect(refused.stdout.trim().split('\n')).toHaveLength(1);
    expect(refused.stdout).toContain('尚未上传的本地修改');
    expect(refused.stdout).toContain('-o');
    expect(refused.stdout).toContain('--force');
    expect(refused.stderr).toContain('（LOCAL_CHANGES）');
    expect(readFileSync(file, 'utf8')).toBe(edited);
    // to another file: fine
    const theirs = join(dir, 'theirs.json');
    expect((await nianbao(['pull', target.id, ...srv, '-o', theirs])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(edited);
    // a file that was never pulled is not overwritten either
    const stranger = join(tempDir(), 'mine.json');
    writeFileSync(stranger, edited);
    expect((await nianbao(['pull', target.id, ...srv, '-o', stranger])).code).toBe(2);
    // --force: the server's version
    expect((await nianbao(['pull', target.id, ...srv, '-o', dir, '--force'])).code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).sections.problems).not.toBe('本地修改：尚未上传。');
    expect((await nianbao(['pull', target.id, ...srv, '-o', dir])).code).toBe(0);
  });

  it("push refuses another agency's report for --agency-id X (unless --force)", async () => {
    const srv = ['--server', url, '--token', token];
    const items = JSON.parse((await nianbao(['list', ...srv, '--json'])).stdout).items as Listed[];
    const target = items.find((i) => i.year >= 2021 && i.agencyName !== '示例县教育局')!;
    const dir = tempDir();
    const file = join(dir, 'jiaoyu.json');
    const r = JSON.parse(readFileSync(fixture('other-agency-2022.json'), 'utf8'));
    r.meta.year = target.year; // 示例县教育局's numbers, the target's year
    writeFileSync(file, JSON.stringify(r));
    const refused = await nianbao(['push', file, ...srv, '--agency-id', target.agencyId]);
    expect(refused.code).toBe(2);
    expect(refused.stdout.trim().split('\n')).toHaveLength(1);
    expect(refused.stdout).toContain(
      `是「示例县教育局」的报告，服务器上的目标机关是「${target.agencyName}」`,
    );
    expect(refused.stdout).toContain('--force');
    // the server's report is untouched
    const after = JSON.parse((await nianbao(['list', ...srv, '--json'])).stdout).items as (Listed & {
      version: number;
    })[];
    expect(after.find((i) => i.id === target.id)).toEqual(items.find((i) => i.id === target.id));
    // --force passes this check (the server then asks for the version it would overwrite)
    const forced = await nianbao(['push', file, ...srv, '--agency-id', target.agencyId, '--force']);
    expect(forced.stdout).not.toContain('目标机关');
    expect(forced.stdout).toContain('--expected-version');
    // --force with the version: stored as the target's report even when the file names another
    // agency by its 编号 (which the server alone would refuse: AGENCY_MISMATCH).
    const draft = (after as (Listed & { version: number })[]).find(
      (i) => i.status === 'draft' && i.year >= 2021 && i.agencyId !== target.agencyId,
    )!;
    expect(draft).toBeDefined();
    const other = join(dir, 'other-id.json');
    writeFileSync(
      other,
      JSON.stringify({
        ...r,
        meta: { ...r.meta, year: draft.year, agency: { ...r.meta.agency, id: target.agencyId } },
      }),
    );
    const stored = await nianbao([
      'push',
      other,
      ...srv,
      '--agency-id',
      draft.agencyId,
      '--force',
      '--expected-version',
      String(draft.version),
    ]);
    expect(stored.stdout).toContain(`第 ${draft.version + 1} 版`);
    expect(stored.code).toBe(0);
    // a published report too: 坑仔口镇人民政府's text for another agency
    const text = await nianbao(['push', fixture('seed-2020.txt'), ...srv, '--agency-id', target.agencyId]);
    expect(text.code).toBe(2);
    expect(text.stdout).toContain('是「坑仔口镇人民政府」的报告');
    // A published text in GB18030 arrives as its bytes: the server reads it as the report it is.
    const gbk = await nianbao([
      'push',
      fixture('seed-2020.gb18030.txt'),
      ...srv,
      '--agency-id',
      target.agencyId,
      '--force',
    ]);
    expect(gbk.code, gbk.stderr).toBe(0);
    const listed = JSON.parse((await nianbao(['list', ...srv, '--json'])).stdout).items as Listed[];
    const imported = listed.find((i) => i.agencyId === target.agencyId && i.year === 2020)!;
    const pulled = join(tempDir(), 'gbk.json');
    expect((await nianbao(['pull', imported.id, ...srv, '-o', pulled])).code).toBe(0);
    const back = JSON.parse(readFileSync(pulled, 'utf8'));
    expect(back.sections.overview).toContain('坑仔口镇');
    expect(JSON.stringify(back)).not.toContain('\ufffd');
  });

  it('push creates no report for a file the server would refuse; a refused save leaves no empty draft; a blank draft left behind is filled', async () => {
    const srv = ['--server', url, '--token', token];
    const items = JSON.parse((await nianbao(['list', ...srv, '--json'])).stdout).items as (Listed & {
      version: number;
    })[];
    const source = items.find((i) => i.year >= 2021)!;
    const agencyId = source.agencyId;
    const taken = new Set(items.filter((i) => i.agencyId === agencyId).map((i) => i.year));
    const free = [2021, 2022, 2023, 2024, 2025].filter((y) => !taken.has(y));
    expect(free.length).toBeGreaterThanOrEqual(2);
    const [year, year2] = free as [number, number];
    const dir = tempDir();
    const pulled = join(dir, 'pulled.json');
    expect((await nianbao(['pull', source.id, ...srv, '-o', pulled])).code).toBe(0);
    const base = JSON.parse(readFileSync(pulled, 'utf8'));
    let fresh = join(tempDir(), 'new.json');
    const write = (r: unknown) => writeFileSync(fresh, JSON.stringify(r));
    const reportsOf = async (y: number) =>
      (JSON.parse((await nianbao(['list', ...srv, '--json'])).stdout).items as Listed[]).filter(
        (i) => i.agencyId === agencyId && i.year === y,
      );
    const push = async (...extra: string[]) => {
      const r = await nianbao(['push', fresh, ...srv, '--agency-id', agencyId, '--json', ...extra]);
      return { ...r, entry: JSON.parse(r.stdout).files[0] as { code: string | null; message: string } };
    };
    const ok = { ...base, meta: { ...base.meta, year } };
    // a mistyped cell id: refused here, nothing created on the server
    const anyCell = Object.values(base.cells)[0];
    write({ ...ok, cells: { ...ok.cells, 'applications.carriedOver.naturalPersons': anyCell } });
    const unknown = await push();
    expect(unknown.code).toBe(2);
    expect(unknown.entry.code).toBe('UNKNOWN_CELL');
    expect(unknown.entry.message).toContain('applications.carriedOver.naturalPersons');
    expect(unknown.entry.message).toContain('服务器上未新建报告');
    expect(unknown.stderr).not.toContain('注意：该报告有');
    expect(await reportsOf(year)).toEqual([]);
    // the format of another year: refused here too
    write({ ...ok, meta: { ...ok.meta, edition: '2019-trial' } });
    const edition = await push();
    expect(edition.entry.code).toBe('EDITION_MISMATCH');
    expect(edition.entry.message).toContain('2021');
    expect(await reportsOf(year)).toEqual([]);
    // the server refuses the save (a note too long): the draft it created is deleted again
    write(ok);
    const refused = await push('--note', '长'.repeat(600));
    expect(refused.code).toBe(2);
    expect(refused.entry.message).toContain('新建的空白草稿已删除');
    expect(await reportsOf(year)).toEqual([]);
    // the retry of the same file is uploaded (it was REPORT_EXISTS over an empty draft)
    const retried = await push();
    expect(retried.code, retried.stdout).toBe(0);
    expect(await reportsOf(year)).toHaveLength(1);
    // an empty draft an older nianbao left behind: filled, not REPORT_EXISTS
    const created = await fetch(`${url}/trpc/reports.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ agencyId, year: year2 }),
    });
    expect(created.status).toBe(200);
    fresh = join(tempDir(), 'other-year.json'); // not the file pushed above (its sync record names that report)
    write({ ...ok, meta: { ...ok.meta, year: year2 } });
    const filled = await push();
    expect(filled.code, filled.stdout).toBe(0);
    expect(filled.entry.code).toBeNull();
    const there = await reportsOf(year2);
    expect(there).toHaveLength(1);
    // a draft with content is still not overwritten without --expected-version (another copy)
    fresh = join(tempDir(), 'copy.json');
    write({ ...ok, meta: { ...ok.meta, year: year2 }, sections: { ...ok.sections, other: '另一份' } });
    expect((await push()).entry.code).toBe('REPORT_EXISTS');
    // the drafts made here are removed again: the other tests pick reports from the list
    for (const y of [year, year2])
      for (const r of (await reportsOf(y)) as (Listed & { version: number })[]) {
        const gone = await fetch(`${url}/trpc/reports.delete`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ id: r.id, expectedVersion: r.version }),
        });
        expect(gone.status).toBe(200);
      }
  });

  it('a bad token or an unreachable server is one line, exit 2', async () => {
    const bad = await nianbao(['list', '--server', url, '--token', 'nbt_wrong']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('令牌无效');
    const down = await nianbao(['list', '--server', 'http://127.0.0.1:9', '--token', token]);
    expect(down.code).toBe(2);
    expect(down.stderr).toContain('无法连接服务器');
    const none = await nianbao(['list']);
    expect(none.stderr).toContain('--server');
    const seed = await nianbao(['push', fixture('seed-2020.json'), '--server', url, '--token', token]);
    expect(seed.code).toBe(2);
    expect(seed.stdout).toContain('--agency-id');
  });
});

describe('push and pull of several: every one is tried, one result each', () => {
  it('a file that fails does not stop the others; stdout a line each, --json an object each, exit 2', async () => {
    const srv = ['--server', url, '--token', token];
    const items = JSON.parse((await nianbao(['list', ...srv, '--json'])).stdout).items as (Listed & {
      version: number;
    })[];
    const [a, b] = items.filter((i) => i.status === 'draft').slice(-2) as [
      Listed & { version: number },
      Listed & { version: number },
    ];
    expect(a.agencyId).not.toBe(b.agencyId);
    const dir = tempDir();
    // pull: a reference that is not there between two that are
    const pj = await nianbao(['pull', a.id, '没有这个机关/2024', b.id, ...srv, '-o', dir, '--json']);
    expect(pj.code).toBe(2);
    const pulledOut = JSON.parse(pj.stdout);
    const fa = join(dir, `${a.agencyName}-${a.year}.json`);
    const fb = join(dir, `${b.agencyName}-${b.year}.json`);
    expect(pulledOut.files).toEqual([
      {
        file: fa,
        ref: a.id,
        ok: true,
        reportId: a.id,
        version: a.version,
        code: null,
        message: expect.stringContaining(`→ ${fa}`),
        warnings: [],
      },
      {
        file: '没有这个机关/2024',
        ref: '没有这个机关/2024',
        ok: false,
        reportId: null,
        version: null,
        code: 'NOT_FOUND',
        message: expect.stringContaining('「没有这个机关」2024 年度'),
      },
      {
        file: fb,
        ref: b.id,
        ok: true,
        reportId: b.id,
        version: b.version,
        code: null,
        message: expect.stringContaining(`→ ${fb}`),
        warnings: [],
      },
    ]);
    expect(pulledOut.totals).toEqual({ files: 3, ok: 2, failed: 1 });
    expect(pulledOut.exitCode).toBe(2);
    expect(JSON.parse(readFileSync(fb, 'utf8')).meta.year).toBe(b.year);
    // a's report is saved by someone else meanwhile: pushing a conflicts
    const other = tempDir();
    await nianbao(['pull', a.id, ...srv, '-o', other]);
    editElsewhere(join(other, `${a.agencyName}-${a.year}.json`));
    expect((await nianbao(['push', join(other, `${a.agencyName}-${a.year}.json`), ...srv])).code).toBe(0);
    const edit = (text: string) => {
      const r = JSON.parse(readFileSync(fb, 'utf8'));
      r.sections.problems = text;
      writeFileSync(fb, JSON.stringify(r));
    };
    edit('批量上传：第一次。');
    const missing = join(dir, '没有 这个.json');
    const r = await nianbao(['push', missing, fa, fb, ...srv]);
    expect(r.code).toBe(2);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(`未上传 ${missing}（FILE_NOT_FOUND）：找不到文件：${missing}`);
    expect(lines[1]).toMatch(/（VERSION_CONFLICT）：服务器上的报告已被他人修改/);
    expect(lines[1]!.startsWith(`未上传 ${fa}（`)).toBe(true);
    expect(lines[2]).toBe(`已上传 ${fb}：报告 ${b.id} 第 ${b.version + 1} 版`);
    expect(r.stderr.trim().split('\n').at(-1)).toBe(
      `nianbao：3 个中有 2 个未上传：${missing}（FILE_NOT_FOUND）、${fa}（VERSION_CONFLICT）；其余 1 个已上传`,
    );
    edit('批量上传：第二次。');
    const j = await nianbao(['push', missing, fa, fb, ...srv, '--json']);
    expect(j.code).toBe(2);
    const out = JSON.parse(j.stdout);
    expect(out.files).toEqual([
      {
        file: missing,
        ok: false,
        reportId: null,
        version: null,
        code: 'FILE_NOT_FOUND',
        message: `找不到文件：${missing}`,
      },
      {
        file: fa,
        ok: false,
        reportId: null,
        version: null,
        code: 'VERSION_CONFLICT',
        message: expect.stringContaining('已被他人修改'),
      },
      {
        file: fb,
        ok: true,
        reportId: b.id,
        version: b.version + 2,
        code: null,
        message: `已上传 ${fb}：报告 ${b.id} 第 ${b.version + 2} 版`,
        // what the server did not keep as sent: nothing here
        warnings: [],
      },
    ]);
    expect(out).toMatchObject({ totals: { files: 3, ok: 1, failed: 2 }, exitCode: 2 });
    // every file uploaded: exit 0
    edit('批量上传：第三次。');
    const ok = await nianbao(['push', fb, ...srv, '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ totals: { files: 1, ok: 1, failed: 0 }, exitCode: 0 });
  });
});

describe('the commands a push refusal prints can be copied and pasted as they are', () => {
  /** Run a command line as printed (「nianbao …」) in sh, against the test server. */
  const sh = (line: string) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(
        'sh',
        ['-c', line.replace(/^nianbao /, `"${process.execPath}" "${CLI}" `)],
        { env: { ...process.env, NO_COLOR: '1', NIANBAO_SERVER: url, NIANBAO_TOKEN: token } },
        (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
      ),
    );

  it('paths with spaces and 中文 are quoted; a report that exists names --expected-version N', async () => {
    const srv = ['--server', url, '--token', token];
    const items = JSON.parse((await nianbao(['list', ...srv, '--json'])).stdout).items as (Listed & {
      version: number;
    })[];
    const target = items.filter((i) => i.status === 'draft').at(-3)!;
    const dir = join(tempDir(), '报告 目录');
    mkdirSync(dir);
    const file = join(dir, '江南 中.json');
    expect((await nianbao(['pull', target.id, ...srv, '-o', file])).code).toBe(0);
    // someone else saves first: our push conflicts
    const other = join(tempDir(), 'other.json');
    await nianbao(['pull', target.id, ...srv, '-o', other]);
    editElsewhere(other);
    expect((await nianbao(['push', other, ...srv])).code).toBe(0);
    const r = await nianbao(['push', file, ...srv]);
    expect(r.code).toBe(2);
    const said = r.stdout.trim();
    const pull =
      /：(nianbao pull .+?)，(nianbao compare .+?)；确定以本地内容覆盖第 \d+ 版时：(nianbao push .+)$/.exec(
        said,
      );
    expect(pull, said).not.toBeNull();
    expect(pull![1]).toContain(`'${join(dir, `江南 中-服务器第${target.version + 1}版.json`)}'`);
    // the notice of a report with errors names the file quoted too
    if (r.stderr.includes('注意：该报告有')) expect(r.stderr).toContain(`nianbao check '${file}' 查看`);
    // each printed command does what it says, pasted into a shell as it is
    expect((await sh(pull![1]!)).code).toBe(0);
    expect(existsSync(join(dir, `江南 中-服务器第${target.version + 1}版.json`))).toBe(true);
    expect([0, 1]).toContain((await sh(pull![2]!)).code);
    // a copy not pulled from that report: it exists, said with the command that overwrites it
    const copy = join(dir, '副本 1.json');
    writeFileSync(copy, readFileSync(file));
    const exists = await nianbao(['push', copy, ...srv, '--json']);
    const entry = JSON.parse(exists.stdout).files[0];
    expect(entry.code).toBe('REPORT_EXISTS');
    const cmd = /：(nianbao push .+? --expected-version (\d+))；/.exec(entry.message);
    expect(cmd, entry.message).not.toBeNull();
    expect(cmd![1]).toBe(`nianbao push '${copy}' --expected-version ${target.version + 1}`);
    const pushed = await sh(cmd![1]!);
    expect(pushed.code, pushed.stdout + pushed.stderr).toBe(0);
    expect(pushed.stdout).toContain(`第 ${target.version + 2} 版`);
  });
});

describe('--server failures carry stable codes (--json), never ERROR or none', () => {
  const code = async (args: string[], env: Record<string, string> = {}) => {
    const r = await nianbao([...args, '--json'], env);
    return { ...r, out: JSON.parse(r.stdout) };
  };
  it('a bad token, an unreachable server, a report that is not there: each its own code', async () => {
    const bad = await code(['list', '--server', url, '--token', 'nbt_wrong']);
    expect(bad.code).toBe(2);
    expect(bad.out.error.code).toBe('UNAUTHENTICATED');
    const down = await code(['list', '--server', 'http://127.0.0.1:9', '--token', token]);
    expect(down.out.error).toMatchObject({ code: 'SERVER_UNREACHABLE', exitCode: 2 });
    expect(down.out.error.message).toContain('无法连接服务器');
    const none = await code(['list']);
    expect(none.out.error.code).toBe('NO_SERVER');
    const noToken = await code(['list', '--server', url]);
    expect(noToken.out.error.code).toBe('NO_TOKEN');
    const missing = await code([
      'summary',
      '--server',
      url,
      '--token',
      token,
      '00000000-0000-0000-0000-000000000000',
    ]);
    expect(missing.out.error.code).toBe('NOT_FOUND');
  });

  it('check with NIANBAO_SERVER set: a mistyped local path is FILE_NOT_FOUND, 机关/年度 NOT_FOUND', async () => {
    const env = { NIANBAO_SERVER: url, NIANBAO_TOKEN: token };
    const dir = tempDir();
    const typo = join(dir, '江南 中-2024.json');
    const r = await code(
      ['check', typo, '没有这个机关/2024', 'reprot.json', '00000000-0000-0000-0000-000000000000'],
      env,
    );
    expect(r.code).toBe(2);
    const files = r.out.files as { file: string; ok: boolean; code?: string; error: string }[];
    expect(files.map((f) => [f.file, f.ok, f.code])).toEqual([
      [typo, false, 'FILE_NOT_FOUND'],
      ['没有这个机关/2024', false, 'NOT_FOUND'],
      ['reprot.json', false, 'FILE_NOT_FOUND'],
      ['00000000-0000-0000-0000-000000000000', false, 'NOT_FOUND'],
    ]);
    expect(files[0]!.error).toContain(`找不到文件：${typo}`);
    // every ok:false entry has a code, whatever the failure (a bad token for all of them)
    const denied = await code(['check', '没有这个机关/2024', 'x'], {
      NIANBAO_SERVER: url,
      NIANBAO_TOKEN: 'nbt_wrong',
    });
    for (const f of denied.out.files) expect(f.code).toBe('UNAUTHENTICATED');
    const away = await code(['check', 'x'], { NIANBAO_SERVER: 'http://127.0.0.1:9', NIANBAO_TOKEN: token });
    expect(away.out.error?.code ?? away.out.files[0].code).toBe('SERVER_UNREACHABLE');
  });

  it('a local file given with --server is said to be one (not 「报告不存在或无权查看」 from the server)', async () => {
    const dir = tempDir();
    const local = join(dir, 'r.json');
    writeFileSync(local, readFileSync(fixture('example-2022.json')));
    const said = `${local} 是本机的文件：加 --server 时参数应为服务器上的报告（报告编号或「机关/年度」）；要用本机的文件，请去掉 --server`;
    const checked = await code(['check', '--server', url, '--token', token, local]);
    expect(checked.code).toBe(2);
    expect(checked.out.files[0]).toMatchObject({ file: local, ok: false, code: 'USAGE', error: said });
    const human = await nianbao(['summary', '--server', url, '--token', token, local]);
    expect(human.code).toBe(2);
    expect(human.stderr).toBe(`nianbao：${said}\n`);
    const pulled = await nianbao([
      'pull',
      '--server',
      url,
      '--token',
      token,
      local,
      '-o',
      join(dir, 'x.json'),
    ]);
    expect(pulled.code).toBe(2);
    expect(pulled.stdout).toContain(said);
  });
});

interface Listed {
  id: string;
  agencyId: string;
  agencyName: string;
  year: number;
  status: string;
}

/** The server's reports, and the path of each one pulled into a fresh folder. */
async function listed(): Promise<Listed[]> {
  const r = await nianbao(['list', '--server', url, '--token', token, '--json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout).items as Listed[];
}
async function pulled(items: readonly Listed[]): Promise<string[]> {
  const dir = tempDir();
  const r = await nianbao(['pull', ...items.map((i) => i.id), '--server', url, '--token', token, '-o', dir]);
  expect(r.code).toBe(0);
  return items.map((i) => join(dir, `${i.agencyName}-${i.year}.json`));
}
/** An agency with reports of two consecutive years on the server (the demo's 交通运输局 2024, 2025). */
function twoYears(items: readonly Listed[]): [Listed, Listed] {
  for (const a of items) {
    const b = items.find((x) => x.agencyId === a.agencyId && x.year === a.year + 1);
    if (b) return [a, b];
  }
  throw new Error('the demo data has no agency with two consecutive years');
}

describe('--server: summary and compare of reports of the server', () => {
  const onServer = () => ['--server', url, '--token', token];

  it('summary of one report (by 编号 or as 机关/年度) is what the same report gives locally', async () => {
    const items = await listed();
    const [old] = twoYears(items);
    const [file] = await pulled([old]);
    const local = await nianbao(['summary', '--json', file!]);
    const byId = await nianbao(['summary', '--json', ...onServer(), old.id]);
    const byName = await nianbao(['summary', '--json', ...onServer(), `${old.agencyName}/${old.year}`]);
    const byAgencyId = await nianbao(['summary', '--json', ...onServer(), `${old.agencyId}/${old.year}`]);
    expect(byId.code).toBe(0);
    expect(JSON.parse(byId.stdout)).toEqual(JSON.parse(local.stdout));
    expect(byName.stdout).toBe(byId.stdout);
    expect(byAgencyId.stdout).toBe(byId.stdout);
    expect(JSON.parse(byId.stdout).narration.sentences.length).toBeGreaterThan(0);
    const human = await nianbao(['summary', ...onServer(), `${old.agencyName}/${old.year}`]);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(`${old.agencyName} ${old.year} 年度报告（`);
    expect(human.stdout).toContain('说明语句');
  });

  it('summary of several reports of the server is their roll-up, as for the same files', async () => {
    const items = await listed();
    const year = twoYears(items)[0].year;
    const same = items.filter((i) => i.year === year);
    expect(same.length).toBeGreaterThan(1);
    const files = await pulled(same);
    const local = JSON.parse((await nianbao(['summary', '--json', '--agency', '合计', ...files])).stdout);
    const refs = same.map((i, k) => (k % 2 ? i.id : `${i.agencyName}/${i.year}`));
    const remote = await nianbao(['summary', '--json', '--agency', '合计', ...onServer(), ...refs]);
    expect(remote.code).toBe(0);
    expect(JSON.parse(remote.stdout)).toEqual(local);
    expect(local.contributors).toHaveLength(same.length);
  });

  it('summary --region: the roll-up of a region for a year on the server, statuses chosen', async () => {
    const items = await listed();
    const [old] = twoYears(items);
    const byId = new Map(items.map((i) => [i.id, i]));
    const region = async (...extra: string[]) => {
      const r = await nianbao([
        'summary',
        '--json',
        ...onServer(),
        '--region',
        old.agencyName,
        '--year',
        String(old.year),
        ...extra,
      ]);
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout);
      const included = (out.included as { reportId: string }[]).map((x) => byId.get(x.reportId)!);
      // the region's own report and the reports below it, of that year; summed as the same files are here
      expect(included.every((i) => i.year === old.year)).toBe(true);
      const local = JSON.parse(
        (await nianbao(['summary', '--json', '--agency', old.agencyName, ...(await pulled(included))]))
          .stdout,
      );
      expect(out.summary).toEqual(local.summary);
      expect(out.summary).toMatchObject({ agency: old.agencyName, year: old.year, scope: 'region' });
      return included;
    };
    const all = await region();
    expect(all.map((i) => i.id)).toContain(old.id);
    const chosen = await region('--status', 'published,approved');
    expect(chosen.length).toBeGreaterThan(0);
    expect(chosen.every((i) => ['published', 'approved'].includes(i.status))).toBe(true);
    expect(chosen.length).toBe(all.filter((i) => ['published', 'approved'].includes(i.status)).length);
    const human = await nianbao([
      'summary',
      ...onServer(),
      '--region',
      old.agencyName,
      '--year',
      String(old.year),
    ]);
    expect(human.stdout).toContain(`${old.agencyName} ${old.year} 年度汇总（${all.length} 份报告`);
    expect(human.stdout).toContain(`汇总的报告：${all.map((i) => i.agencyName).join('、')}`);
  });

  it('summary --region names the reports it did not sum (by default drafts and returned ones)', async () => {
    const items = await listed();
    const ofYear = items.filter((i) => i.year === 2025);
    const left = ofYear.filter((i) => !['submitted', 'approved', 'published'].includes(i.status));
    expect(left.length).toBeGreaterThan(0);
    const args = [...onServer(), '--region', '示例县人民政府', '--year', '2025'];
    const j = JSON.parse((await nianbao(['summary', '--json', ...args])).stdout);
    expect(j.included.length + j.notCounted.length).toBe(ofYear.length);
    expect((j.notCounted as { reportId: string }[]).map((x) => x.reportId).sort()).toEqual(
      left.map((x) => x.id).sort(),
    );
    const human = await nianbao(['summary', ...args]);
    expect(human.stdout).toContain(
      `未计入 ${left.length} 份（共 ${ofYear.length} 份报告，汇总 ${j.included.length} 份）`,
    );
    expect(human.stdout).toContain('状态为「草稿」');
    // and the agencies under the region with no report of the year at all, as the server names them
    const names = new Set(ofYear.map((i) => i.agencyName));
    expect(j.noReport.length).toBeGreaterThan(0);
    for (const n of j.noReport as string[]) expect(names.has(n)).toBe(false);
    expect(human.stdout).toContain(`没有本年度报告的机关 ${j.noReport.length} 个：${j.noReport.join('、')}`);
    const help = await nianbao(['summary', '--help']);
    expect(help.stdout).not.toContain('默认全部状态');
    expect(help.stdout).toContain('默认只汇总已提交、已通过、已发布');
  });

  it('summary --server refuses bad references, statuses and years in one line', async () => {
    for (const args of [
      ['summary', ...onServer(), '没有这个机关/2024'],
      ['summary', ...onServer(), '--region', '示例县人民政府', '--year', '2024', '--status', 'bogus'],
      ['summary', ...onServer(), '--region', '示例县人民政府'],
      ['summary', ...onServer(), '--region', '没有这个地区', '--year', '2024'],
      ['summary', '--year', '2024', fixture('seed-2020.json')],
      ['compare', ...onServer(), '示例县交通运输局/2024', '00000000-0000-0000-0000-000000000000'],
    ]) {
      const r = await nianbao(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).toMatch(/^nianbao：/);
    }
    expect((await nianbao(['summary', ...onServer(), '没有这个机关/2024'])).stderr).toContain(
      '「没有这个机关」2024 年度',
    );
    expect(
      (
        await nianbao([
          'summary',
          ...onServer(),
          '--region',
          '示例县人民政府',
          '--year',
          '2024',
          '--status',
          'bogus',
        ])
      ).stderr,
    ).toContain('未知的状态「bogus」：可用 draft（草稿）、submitted（已提交）');
  });

  it("compare --server: one agency's two years, with the cross-year findings, as for the same files", async () => {
    const items = await listed();
    const [old, cur] = twoYears(items);
    const [a, b] = await pulled([old, cur]);
    const local = await nianbao(['compare', '--json', a!, b!]);
    const remote = await nianbao([
      'compare',
      '--json',
      ...onServer(),
      `${old.agencyName}/${old.year}`,
      `${cur.agencyName}/${cur.year}`,
    ]);
    expect(remote.code).toBe(local.code);
    expect(JSON.parse(remote.stdout)).toEqual(JSON.parse(local.stdout));
    const c = JSON.parse(remote.stdout);
    expect(c.previous).toMatchObject({ agency: old.agencyName, year: old.year });
    expect(c.current).toMatchObject({ agency: cur.agencyName, year: cur.year });
    // the demo's 2025 report does not carry over 2024's 结转下年度: X1, exit 1
    expect(c.findings.some((f: { ruleId: string }) => f.ruleId === 'X1')).toBe(true);
    expect(remote.code).toBe(1);
    const human = await nianbao(['compare', ...onServer(), old.id, cur.id]);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain(`${old.agencyName} ${old.year} 年度 → ${cur.agencyName} ${cur.year} 年度`);
    expect(human.stdout).toMatch(/跨年核对[\s\S]*X1/);
  });

  it('check --server runs the cross-year rules against the previous year on the server; --previous REF too', async () => {
    const items = await listed();
    const [old, cur] = twoYears(items);
    const check = async (...args: string[]) => {
      const r = await nianbao(['check', '--json', ...onServer(), ...args]);
      return { code: r.code, out: JSON.parse(r.stdout) };
    };
    const auto = await check(`${cur.agencyName}/${cur.year}`);
    expect(auto.out.files[0].counts.crossYear).toBeGreaterThan(0);
    expect(auto.out.files[0].findings.some((f: { ruleId: string }) => f.ruleId === 'X1')).toBe(true);
    expect(auto.code).toBe(1);
    // the same as compare gives, and as --previous names it (by 机关/年度, by 编号, or a pulled file)
    const compared = JSON.parse((await nianbao(['compare', '--json', ...onServer(), old.id, cur.id])).stdout);
    const xs = (fs: { ruleId: string; status: string }[]) =>
      fs.filter((f) => /^X/.test(f.ruleId) && f.status === 'failed').map((f) => f.ruleId);
    expect(xs(auto.out.files[0].findings)).toEqual(xs(compared.findings));
    const [oldFile] = await pulled([old]);
    for (const prev of [`${old.agencyName}/${old.year}`, old.id, oldFile!]) {
      const named = await check(cur.id, '--previous', prev);
      // checked here against that report (the server's verdict takes its own previous year): the same cross-year findings, said so
      expect(xs(named.out.files[0].findings), prev).toEqual(xs(auto.out.files[0].findings));
      expect(named.out.files[0].notes.join(''), prev).toContain('按 --previous 在本机检查');
    }
    // another agency's report as --previous: said so, no cross-year rules on the mismatch
    const other = items.find((i) => i.year === old.year && i.agencyId !== old.agencyId)!;
    const mismatch = await check(cur.id, '--previous', other.id);
    expect(mismatch.out.files[0].counts.crossYear).toBe(0);
    expect(mismatch.out.files[0].notes.join('')).toContain('两份报告的机关不同');
    // no report of the year before on the server: a note
    const first = await check(old.id);
    if (!items.some((i) => i.agencyId === old.agencyId && i.year === old.year - 1))
      expect(first.out.files[0].notes.join('')).toContain(`${old.year - 1} 年度的报告`);
    const human = await nianbao(['check', ...onServer(), cur.id]);
    expect(human.stdout).toContain('跨年（');
    expect(human.stdout).not.toContain('未发现问题');
  });

  it('check --server says when the previous year it checks against is not yet published (a draft may change)', async () => {
    const items = await listed();
    const [old, cur] = twoYears(items);
    expect(old.status).toBe('published');
    const check = async (id: string) =>
      JSON.parse((await nianbao(['check', '--json', ...onServer(), id])).stdout).files[0];
    // last year published: no note
    expect((await check(cur.id)).notes.join('')).not.toContain('尚未发布');
    // an agency with no report of last year: one created now is a draft, and this year's is checked
    // against it, said so
    const lone = items.find((i) => !items.some((x) => x.agencyId === i.agencyId && x.year === i.year - 1))!;
    const created = await fetch(`${url}/trpc/reports.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ agencyId: lone.agencyId, year: lone.year - 1 }),
    });
    expect(created.status, await created.clone().text()).toBe(200);
    const checked = await check(lone.id);
    expect(checked.notes.join('')).toContain(
      `跨年核对依据的${lone.agencyName} ${lone.year - 1} 年度报告尚未发布（草稿，第 1 版），其数字可能还会改动`,
    );
  });

  it('list and check a region of the server for a year (--region, --year, --status in English or Chinese)', async () => {
    const items = await listed();
    const year = Math.max(...items.map((i) => i.year));
    const listJson = async (...args: string[]) => {
      const r = await nianbao(['list', '--json', ...onServer(), ...args]);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as { items: Listed[]; total: number; noReport?: string[] };
    };
    // the county and every agency below it, of one year
    const region = await listJson('--region', '示例县人民政府', '--year', String(year));
    const ofYear = items.filter((i) => i.year === year);
    expect(region.items.map((i) => i.id).sort()).toEqual(ofYear.map((i) => i.id).sort());
    expect(region.total).toBe(ofYear.length);
    // a township: itself only
    const town = ofYear.find((i) => i.agencyName === '东山乡人民政府')!;
    expect(
      (await listJson('--region', '东山乡人民政府', '--year', String(year))).items.map((i) => i.id),
    ).toEqual([town.id]);
    // statuses by label or id, repeated or comma-separated
    const drafts = ofYear.filter((i) => i.status === 'draft' || i.status === 'submitted');
    expect(drafts.length).toBeGreaterThan(1);
    for (const args of [
      ['--status', '草稿,已提交'],
      ['--status', 'draft', '--status', 'submitted'],
      ['--status', '草稿，submitted'],
    ]) {
      const got = await listJson('--year', String(year), ...args);
      expect(got.items.map((i) => i.id).sort(), args.join(' ')).toEqual(drafts.map((i) => i.id).sort());
    }
    // --limit caps the listing, the total says how many there are
    const capped = await listJson('--limit', '2');
    expect(capped.items).toHaveLength(2);
    expect(capped.total).toBe(items.length);

    // check every report of the region and year: one result each, the same as checking them by id
    const county = [...onServer(), '--region', '示例县人民政府', '--year', String(year)];
    const checked = await nianbao(['check', '--json', ...county]);
    const files = JSON.parse(checked.stdout).files as {
      file: string;
      counts: { error: number; crossYear: number };
    }[];
    expect(files.map((f) => f.file.split(' ')[1]).sort()).toEqual(ofYear.map((i) => i.id).sort());
    // the agencies of the region with no report of the year, named as summary --region names them
    const noReport = JSON.parse(checked.stdout).noReport as string[];
    const summarised = JSON.parse((await nianbao(['summary', '--json', ...county])).stdout)
      .noReport as string[];
    expect(noReport.length).toBeGreaterThan(0);
    expect([...noReport].sort()).toEqual([...summarised].sort());
    for (const n of noReport) expect(ofYear.some((i) => i.agencyName === n)).toBe(false);
    const human = await nianbao(['check', ...county]);
    expect(human.stdout).toContain(`没有本年度报告的机关 ${noReport.length} 个：${noReport.join('、')}`);
    // and in the 问题清单: a row 未创建 each, among the reports in the region page's order — the
    // agencies in the same order as the server's own 问题清单 of the region
    const csv = await nianbao(['check', ...county, '--format', 'csv']);
    const rows = csv.stdout.trim().split('\n').slice(1);
    const none = rows.filter((l) => l.split(',')[4] === '未创建');
    expect(none.map((l) => l.split(',')[2])).toEqual(noReport);
    expect(none.every((l) => l.includes(`尚未创建 ${year} 年度报告`))).toBe(true);
    const agencyOrder = (lines: string[]) =>
      lines.map((l) => l.split(',')[2]).filter((n, i, all) => n !== all[i - 1]);
    const tree = (await (
      await fetch(`${url}/trpc/agencies.tree`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { result: { data: TreeNode[] } };
    type TreeNode = { id: string; name: string; children: TreeNode[] };
    const flat = (nodes: TreeNode[]): TreeNode[] => nodes.flatMap((n) => [n, ...flat(n.children)]);
    const countyId = flat(tree.result.data).find((n) => n.name === '示例县人民政府')!.id;
    const fromServer = await fetch(`${url}/export/findings?regionId=${countyId}&year=${year}&format=csv`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(fromServer.status).toBe(200);
    const serverRows = (await fromServer.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n')
      .slice(1);
    expect(agencyOrder(rows)).toEqual(agencyOrder(serverRows));
    // the agencies without a report do not all come last: the county has departments after them
    expect(rows.at(-1)!.split(',')[4]).not.toBe('未创建');
    // exit 1: an error or a cross-year error (跨年不衔接) in any report, as for files
    expect(checked.code).toBe(files.some((f) => f.counts.error + f.counts.crossYear > 0) ? 1 : 0);
    const byId = JSON.parse((await nianbao(['check', '--json', ...onServer(), town.id])).stdout).files[0];
    expect(files.find((f) => f.file.endsWith(town.id))).toEqual(byId);
    const onlyDrafts = await nianbao([
      'check',
      '--json',
      ...onServer(),
      '--region',
      '示例县人民政府',
      '--year',
      String(year),
      '--status',
      '草稿',
    ]);
    expect(JSON.parse(onlyDrafts.stdout).files).toHaveLength(
      ofYear.filter((i) => i.status === 'draft').length,
    );
    // statuses chosen: the agencies without a report are not what was asked for
    expect(JSON.parse(onlyDrafts.stdout).noReport).toBeUndefined();
    // --status none (未创建): the agencies without a report alone — nothing checked, exit 0 — and
    // beside the reports of a status named
    for (const status of ['none', '未创建']) {
      const alone = await nianbao(['check', '--json', ...county, '--status', status]);
      expect(alone.code, alone.stderr).toBe(0);
      expect(JSON.parse(alone.stdout)).toMatchObject({ files: [], noReport });
    }
    const aloneCsv = await nianbao(['check', ...county, '--status', 'none', '--format', 'csv']);
    const unnumbered = (l: string) => l.slice(l.indexOf(','));
    expect(aloneCsv.stdout.trim().split('\n').slice(1).map(unnumbered)).toEqual(none.map(unnumbered));
    const withDrafts = JSON.parse(
      (await nianbao(['check', '--json', ...county, '--status', '未创建，草稿'])).stdout,
    );
    expect(withDrafts.files).toHaveLength(ofYear.filter((i) => i.status === 'draft').length);
    expect(withDrafts.noReport).toEqual(noReport);
    // list says them too: under the table, as noReport in --json, alone with --status none
    const listedHuman = await nianbao(['list', ...county]);
    expect(listedHuman.stdout).toContain(
      `共 ${ofYear.length} 份报告\n没有本年度报告的机关 ${noReport.length} 个：${noReport.join('、')}`,
    );
    expect((await listJson('--region', '示例县人民政府', '--year', String(year))).noReport).toEqual(noReport);
    const listedNone = await nianbao(['list', ...county, '--status', 'none']);
    expect(listedNone.code, listedNone.stderr).toBe(0);
    expect(listedNone.stdout.trim()).toBe(
      `没有本年度报告的机关 ${noReport.length} 个：${noReport.join('、')}`,
    );
    expect(
      (await listJson('--region', '示例县人民政府', '--year', String(year), '--status', '未创建')).items,
    ).toEqual([]);
    // a status named without none: the reports asked for only
    expect(
      (await listJson('--region', '示例县人民政府', '--year', String(year), '--status', '草稿')).noReport,
    ).toBeUndefined();

    // what cannot work is one line, exit 2
    for (const [args, message] of [
      [['check', ...onServer(), '--region', '示例县人民政府'], '需要 --year 年度'],
      [['check', ...onServer(), '--region', '示例县人民政府', '--year', '2019'], '2019 年度没有报告'],
      [
        ['check', ...onServer(), '--region', '示例县人民政府', '--year', String(year), town.id],
        '不能再给出报告',
      ],
      [['check', '--year', '2024', fixture('seed-2020.json')], '--year 只用于检查服务器上一个地区的报告'],
      [['list', ...onServer(), '--status', '待审'], '未知的状态「待审」'],
      [['list', ...onServer(), '--status', '未创建'], '需要 --region 地区 和 --year 年度'],
      [['summary', ...county, '--status', 'none'], '只用于检查一个地区'],
      [['list', ...onServer(), '--region', '没有这个地区'], '没有名为「没有这个地区」的机关或地区'],
      [['list', ...onServer(), '--limit', '0'], '--limit 应为正整数'],
    ] as const) {
      const r = await nianbao([...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr, args.join(' ')).toContain(message);
    }
  });

  it('check --region for a year of no report: said so, the agencies without one named as list names them, exit 2, NO_REPORTS (not NOT_FOUND)', async () => {
    const dir = tempDir();
    const out = join(dir, '问题清单.csv');
    const county = [...onServer(), '--region', '示例县人民政府', '--year', '2019'];
    const listedNone = await nianbao(['list', '--json', ...county]);
    expect(listedNone.code, listedNone.stderr).toBe(0);
    const noReport = JSON.parse(listedNone.stdout).noReport as string[];
    expect(noReport.length).toBeGreaterThan(1);
    const shown = `没有本年度报告的机关 ${noReport.length} 个：${noReport.slice(0, 10).join('、')}`;
    const human = await nianbao(['check', ...county, '-o', out]);
    expect(human.code).toBe(2);
    expect(human.stdout).toBe('');
    expect(human.stderr).toBe(
      `nianbao：服务器上「示例县人民政府」及其下属机关 2019 年度没有报告（或无权查看），没有检查任何报告；${shown}（只列出这些机关：加 --status none）\n`,
    );
    // nothing checked: no list written (as the server's 问题清单 of the region refuses, NO_REPORTS)
    expect(existsSync(out)).toBe(false);
    const json = await nianbao(['check', '--json', ...county]);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).error).toEqual({
      code: 'NO_REPORTS',
      message: human.stderr.replace(/^nianbao：/, '').trim(),
      exitCode: 2,
    });
    // the agencies alone, when that is what is asked: exit 0
    const alone = await nianbao(['check', '--json', ...county, '--status', 'none']);
    expect(alone.code, alone.stderr).toBe(0);
    expect(JSON.parse(alone.stdout).noReport).toEqual(noReport);
    // a township: itself, no 「下属机关」 and no list of one
    const town = await nianbao(['check', ...onServer(), '--region', '东山乡人民政府', '--year', '2019']);
    expect(town.code).toBe(2);
    expect(town.stderr).toBe(
      'nianbao：服务器上「东山乡人民政府」2019 年度没有报告（或无权查看），没有检查任何报告\n',
    );
    // statuses named: none of them, said so, the same code
    const returned = await nianbao(['check', '--json', ...county, '--status', '已退回']);
    expect(returned.code).toBe(2);
    expect(JSON.parse(returned.stdout).error).toMatchObject({
      code: 'NO_REPORTS',
      message:
        '服务器上「示例县人民政府」及其下属机关 2019 年度没有状态为已退回的报告（或无权查看），没有检查任何报告',
    });
  });

  it('pull -o missing/dir/ makes the folders (and -o missing/r.json its folder); a report not fetched makes none', async () => {
    const [item] = await listed();
    const dir = tempDir();
    const into = join(dir, '新建', '2025/');
    const r = await nianbao(['pull', item!.id, ...onServer(), '-o', into]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const file = join(into, `${item!.agencyName}-${item!.year}.json`);
    expect(r.stdout).toContain(`→ ${file}`);
    expect(JSON.parse(readFileSync(file, 'utf8')).meta.year).toBe(item!.year);
    expect(JSON.parse(readFileSync(join(into, '.nianbao-sync.json'), 'utf8'))[basename(file)]).toMatchObject({
      id: item!.id,
    });
    const named = join(dir, '另一个', 'r.json');
    expect((await nianbao(['pull', item!.id, ...onServer(), '-o', named])).code).toBe(0);
    expect(existsSync(named)).toBe(true);
    // nothing to write: no folder made
    const none = await nianbao(['pull', 'no-such-report', ...onServer(), '-o', join(dir, '没有', 'x/')]);
    expect(none.code).toBe(2);
    expect(existsSync(join(dir, '没有'))).toBe(false);
    // a file in the way: said, in 简体中文, with its code
    writeFileSync(join(dir, 'f'), '');
    const blocked = await nianbao(['pull', item!.id, ...onServer(), '-o', join(dir, 'f', 'x/'), '--json']);
    expect(blocked.code).toBe(2);
    expect(JSON.parse(blocked.stdout).files[0]).toMatchObject({ ok: false, code: 'NOT_A_FOLDER' });
    expect(JSON.parse(blocked.stdout).files[0].message).toContain('路径中有同名的文件');
  });

  it('pull and check name reports as 机关/年度 too', async () => {
    const items = await listed();
    const [old] = twoYears(items);
    const dir = tempDir();
    const r = await nianbao(['pull', `${old.agencyName}/${old.year}`, ...onServer(), '-o', dir]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, `${old.agencyName}-${old.year}.json`), 'utf8')).meta.year).toBe(
      old.year,
    );
    const checked = await nianbao([
      'check',
      '--json',
      ...onServer(),
      `${old.agencyName}/${old.year}`,
      '某机关/2024',
    ]);
    const out = JSON.parse(checked.stdout);
    expect(out.files[0]).toMatchObject({ ok: true, agency: old.agencyName, year: old.year });
    expect(out.files[0].file).toBe(`${url} ${old.id}`);
    expect(out.files[1]).toMatchObject({ ok: false, file: '某机关/2024' });
    expect(checked.code).toBe(2);
    // in the table a report of the server is its 编号 (agency and year beside it), not the URL
    const [a, b] = items;
    const table = await nianbao(['check', ...onServer(), a!.id, b!.id]);
    expect(table.stdout).not.toContain(url);
    expect(table.stdout).toContain(a!.id);
    expect(table.stdout).toContain(b!.id);
  });
});

describe("check --server of a stored report is the platform's own verdict", () => {
  const srv = () => ['--server', url, '--token', token];
  const rpc = async (path: string, input: unknown) => {
    const r = await fetch(`${url}/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(input),
    });
    expect(r.status, await r.clone().text()).toBe(200);
    return ((await r.json()) as { result: { data: unknown } }).result.data;
  };

  it("every report: the counts and the exit code are the server's openFindings (rule settings, publication day, triage)", async () => {
    const items = JSON.parse((await nianbao(['list', ...srv(), '--json'])).stdout).items as (Listed & {
      openFindings: { error: number; crossYear: number; warning: number; info: number };
    })[];
    // a report with errors or cross-year errors: every one of them dismissed in triage, with a reason
    const target = items.find((i) => i.openFindings.error + i.openFindings.crossYear > 0)!;
    expect(target).toBeDefined();
    const v = (await rpc('checks.validate', { id: target.id })) as {
      findings: { key: string; status: string; severity: string }[];
    };
    const gone = v.findings.filter(
      (f) => f.status === 'failed' && (f.severity === 'error' || f.severity === 'crossYear'),
    );
    for (const f of gone)
      await rpc('checks.triage', {
        id: target.id,
        findingKey: f.key,
        decision: 'dismissed',
        reason: '已核实：原文如此',
      });
    const after = JSON.parse((await nianbao(['list', ...srv(), '--json'])).stdout).items as typeof items;
    const r = await nianbao(['check', '--json', ...srv(), ...after.map((i) => i.id)]);
    const files = JSON.parse(r.stdout).files as {
      file: string;
      counts: Record<string, number>;
      findings: { group: string; triage: { reason: string } | null }[];
    }[];
    expect(files).toHaveLength(after.length);
    for (const i of after) {
      const f = files.find((x) => x.file === `${url} ${i.id}`)!;
      const { error, crossYear, warning, info } = f.counts;
      expect({ error, crossYear, warning, info }, i.agencyName).toEqual(i.openFindings);
    }
    expect(r.code).toBe(after.some((i) => i.openFindings.error + i.openFindings.crossYear > 0) ? 1 : 0);
    // the dismissed ones are there, as such, and counted apart
    const mine = files.find((x) => x.file === `${url} ${target.id}`)!;
    expect(mine.counts.dismissed).toBe(gone.length);
    expect(mine.findings.filter((f) => f.group === 'dismissed')).toHaveLength(gone.length);
    expect(mine.findings.find((f) => f.group === 'dismissed')!.triage!.reason).toBe('已核实：原文如此');
    const one = await nianbao(['check', ...srv(), target.id]);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain(`已忽略（${gone.length}）：服务器上已处理为忽略，不计入错误`);
    expect(one.stdout).toContain('理由：已核实：原文如此');
    expect(one.stdout).toContain(`已忽略 ${gone.length}（服务器上已处理，不计入）`);
    // the 问题清单 of the same reports: a dismissed finding listed as such, with why and who, not counted
    const list = await nianbao(['check', ...srv(), ...after.map((i) => i.id), '--format', 'csv']);
    expect(list.code).toBe(r.code);
    const [head, ...rows] = csvRecords(list.stdout);
    const col = (row: string[], name: string) => row[head!.indexOf(name)]!;
    const dismissedRows = rows.filter((x) => col(x, 'triage').startsWith('已忽略'));
    expect(dismissedRows).toHaveLength(gone.length);
    for (const x of dismissedRows) {
      expect(col(x, 'triage')).toMatch(/^已忽略：已核实：原文如此（.+）$/);
      expect(col(x, 'agency')).toBe(target.agencyName);
    }
    // every open failed finding of every report is a row (the counts the server gives)
    const open = after.reduce(
      (n, i) =>
        n + i.openFindings.error + i.openFindings.crossYear + i.openFindings.warning + i.openFindings.info,
      0,
    );
    expect(rows.length - dismissedRows.length).toBe(open);
    // --config checks here on that basis, and says it is not the platform's verdict
    const cfg = join(tempDir(), 'rules.json');
    writeFileSync(cfg, JSON.stringify({ rules: {} }));
    const local = JSON.parse(
      (await nianbao(['check', '--json', ...srv(), target.id, '--config', cfg])).stdout,
    ).files[0];
    expect(local.notes.join('')).toContain('按 --config 在本机检查');
    // checked here, the dismissed ones are counted again (no triage here)
    expect(local.counts.error + local.counts.crossYear).toBeGreaterThan(0);
  });
});

describe('pull of a version an earlier release stored', () => {
  it('the file holds the content as repaired on reading, and each repair is said (and in --json)', async () => {
    const listed = JSON.parse((await nianbao(['list', '--server', url, '--token', token, '--json'])).stdout);
    const target = listed.items.find((i: { status: string }) => i.status === 'draft') as {
      id: string;
      agencyName: string;
      year: number;
    };
    // The report's newest version as a release before b0e5365 stored it: a bell character in 前言.
    const row = await db
      .selectFrom('reports')
      .select(['current_version'])
      .where('id', '=', target.id)
      .executeTakeFirstOrThrow();
    const last = await db
      .selectFrom('report_versions')
      .selectAll()
      .where('report_id', '=', target.id)
      .where('version', '=', row.current_version)
      .executeTakeFirstOrThrow();
    const content = JSON.parse(last.content);
    content.preamble = `旧版保存的前言\u0007含响铃符。`;
    const text = JSON.stringify(content);
    const version = row.current_version + 1;
    await db
      .insertInto('report_versions')
      .values({ ...last, version, content: text, content_hash: `legacy-${version}`, note: null })
      .execute();
    await db
      .updateTable('reports')
      .set({ current_version: version, counts_version: null })
      .where('id', '=', target.id)
      .execute();

    const dir = tempDir();
    const pulled = await nianbao(['pull', target.id, '--server', url, '--token', token, '-o', dir]);
    expect(pulled.code).toBe(0);
    expect(pulled.stdout).toContain(`第 ${version} 版`);
    expect(pulled.stdout).toMatch(/\n {2}注意（STORED_CHARS_REMOVED）：.*前言/);
    const file = join(dir, `${target.agencyName}-${target.year}.json`);
    expect(JSON.parse(readFileSync(file, 'utf8')).preamble).toBe('旧版保存的前言含响铃符。');
    const json = await nianbao([
      'pull',
      target.id,
      '--server',
      url,
      '--token',
      token,
      '-o',
      dir,
      '--json',
      '--force',
    ]);
    expect(JSON.parse(json.stdout).files[0].warnings).toEqual([
      expect.objectContaining({ code: 'STORED_CHARS_REMOVED' }),
    ]);
  });
});
