import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReport } from './lib/io.js';
import { NOTE_MAX, pushNote, SYNC } from './lib/sync.js';
import { CLI, fixture, tempDir } from './test-support/cli.js';
import { demoServer } from './test-support/demo-server.js';
import { tick } from './test-support/reports.js';
import { App, REASONS_NOT_KEPT } from './tui/App.js';

// 手动改写合计 (r) asks for a reason, which the report file has no place for. As the web form keeps
// such reasons as the saved version's note, the terminal keeps them beside a pulled file (its entry
// in .nianbao-sync.json) until `nianbao push` sends them as the version's note.

const run = promisify(execFile);
let url = '';
let token = '';
let stop: () => Promise<void> = async () => {};

async function nianbao(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [CLI, ...args], {
      env: { ...process.env, NO_COLOR: '1', NIANBAO_SERVER: '', NIANBAO_TOKEN: '' },
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

beforeAll(async () => {
  const s = await demoServer();
  ({ url, token } = s);
  stop = s.stop;
}, 60_000);

afterAll(() => stop());

const joined = (frame: string | undefined) =>
  (frame ?? '')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('');
const frameHas = async (lastFrame: () => string | undefined, want: string) => {
  const until = Date.now() + 5000;
  while (!joined(lastFrame()).includes(want) && Date.now() < until) await tick(10);
  expect(joined(lastFrame())).toContain(want);
};
const type = async (stdin: { write(s: string): void }, ...keys: string[]) => {
  await tick();
  for (const k of keys) {
    stdin.write(k);
    await tick();
  }
};

/** Open `file` in the editor, change 表三 本年新收 · 总计 by hand to `value` with `reason`, and w. */
async function overrideAndSave(file: string, value: string, reason: string): Promise<string> {
  const { stdin, lastFrame, unmount } = render(
    <App
      start={{ kind: 'edit', loaded: await loadReport(file) }}
      color={false}
      size={{ width: 200, height: 50 }}
    />,
  );
  // the last column of the first row: 总计
  await type(stdin, ...'llllllllll'.split(''));
  await frameHas(lastFrame, '一、本年新收政府信息公开申请数量 · 总计 =');
  await type(stdin, 'r', ...value.split(''), '\r', ...reason.split(''), '\r');
  await frameHas(lastFrame, '已手动改写合计');
  await type(stdin, 'w');
  await frameHas(lastFrame, '已保存');
  const frame = joined(lastFrame());
  unmount();
  return frame;
}

async function history(id: string): Promise<{ version: number; note: string | null }[]> {
  const res = await fetch(`${url}/trpc/reports.history?input=${encodeURIComponent(JSON.stringify({ id }))}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return (
    (await res.json()) as { result: { data: { versions: { version: number; note: string | null }[] } } }
  ).result.data.versions;
}

describe('the reason of 手动改写合计 goes with the file to the server', () => {
  it('pulled, changed by hand and saved: push sends the reason as the version’s note, once; --note comes first', async () => {
    const listed = JSON.parse((await nianbao(['list', '--server', url, '--token', token, '--json'])).stdout);
    const target = listed.items.find((i: { status: string }) => i.status === 'draft');
    const dir = tempDir();
    expect((await nianbao(['pull', target.id, '--server', url, '--token', token, '-o', dir])).code).toBe(0);
    const name = `${target.agencyName}-${target.year}.json`;
    const file = join(dir, name);
    const sync = () => JSON.parse(readFileSync(join(dir, SYNC), 'utf8'))[name];

    const said = await overrideAndSave(file, '9999', '原件印制为9999');
    expect(said).toContain('改写理由已记下');
    expect(readFileSync(file, 'utf8')).toContain('9999');
    expect(readFileSync(file, 'utf8')).not.toContain('原件印制为9999');
    const [kept] = sync().notes;
    expect(kept).toMatch(
      /^改写表三 一、本年新收政府信息公开申请数量 · 总计：(\d+|空白)→9999，理由：原件印制为9999$/,
    );

    const pushed = await nianbao(['push', file, '--server', url, '--token', token]);
    expect(pushed.code, pushed.stderr).toBe(0);
    expect(pushed.stdout).toContain('1 处手动改写合计的理由');
    let versions = await history(target.id);
    expect(versions.at(-1)!.note).toBe(kept);
    expect(sync().notes).toBeUndefined();

    // changed again elsewhere and pushed: the reason is not said a second time
    const r = JSON.parse(readFileSync(file, 'utf8'));
    r.sections.other = `${r.sections.other ?? ''}补充说明。`;
    writeFileSync(file, JSON.stringify(r));
    expect((await nianbao(['push', file, '--server', url, '--token', token])).code).toBe(0);
    versions = await history(target.id);
    expect(versions.at(-1)!.note ?? '').not.toContain('改写');

    // with --note: the user's note first, then the reasons, joined with 「；」
    await overrideAndSave(file, '', '核对后按各项之和');
    const [again] = sync().notes;
    expect(again).toMatch(/：9999→(\d+|计算值)，理由：核对后按各项之和$/);
    const withNote = await nianbao(['push', file, '--server', url, '--token', token, '--note', '年中核对']);
    expect(withNote.code, withNote.stderr).toBe(0);
    versions = await history(target.id);
    expect(versions.at(-1)!.note).toBe(`年中核对；${again}`);
    expect(sync().notes).toBeUndefined();
  });

  it('a file never pulled: the save says once that the reason is not in the file, and no sync entry is made up', async () => {
    const dir = tempDir();
    const file = join(dir, 'r.json');
    copyFileSync(fixture('example-2022.json'), file);
    const said = await overrideAndSave(file, '9999', '原件印制为9999');
    // (a message over two lines: joined without the space at the break)
    expect(said.replace(/ /g, '')).toContain(REASONS_NOT_KEPT.replace(/ /g, ''));
    expect(said.split('改写理由未写入文件').length).toBe(2);
    expect(existsSync(join(dir, SYNC))).toBe(false);
  });

  it('the note is cut to the server’s 500 characters, as the web form cuts it', () => {
    const long = pushNote('说明', ['改'.repeat(300), '写'.repeat(300)])!;
    expect(long.length).toBe(NOTE_MAX);
    expect(long.startsWith(`说明；${'改'.repeat(300)}；写`)).toBe(true);
    expect(pushNote('只有说明', [])).toBe('只有说明');
    expect(pushNote(undefined, ['一', '二'])).toBe('一；二');
  });
});
