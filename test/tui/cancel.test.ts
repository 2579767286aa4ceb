import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Tmux } from './tmux.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'apps', 'tui', 'dist', 'cli.js');
const PDF = join(ROOT, 'apps', 'tui', 'fixtures', 'published-2024.pdf');
const hasTmux = Tmux.available();

let tmux: Tmux | undefined;
afterEach(() => {
  tmux?.kill();
  tmux = undefined;
});

describe.skipIf(!hasTmux)('Ctrl-C while the terminal UI reads a report', () => {
  it('quits at once (exit 130, said in one line), not once the PDF has been read', async () => {
    if (!existsSync(CLI))
      throw new Error(`缺少 ${CLI}：请先构建（npx turbo run build --filter=@nianbao/tui）`);
    const base = mkdtempSync(join(tmpdir(), 'nianbao-e2e-'));
    const dir = join(base, 'work');
    mkdirSync(dir);
    copyFileSync(PDF, join(dir, 'report.pdf'));
    const t = new Tmux();
    tmux = t;
    t.start(`env NO_COLOR=1 ${process.execPath} ${CLI} edit report.pdf 2>${join(base, 'err.log')}`, {
      width: 100,
      height: 30,
      cwd: dir,
    });
    // Raw mode is set before the report is read (a PDF takes a second or more): Ctrl-C is then a
    // key the program reads, no longer the terminal's SIGINT. Sent as soon as that holds.
    const until = Date.now() + 20_000;
    while (!t.raw()) {
      if (Date.now() > until || t.exited()) throw new Error(`没有进入原始模式：\n${t.screen()}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    t.send('C-c');
    await new Promise<void>((resolve, reject) => {
      const end = Date.now() + 10_000;
      const poll = () =>
        t.exitStatus() !== null
          ? resolve()
          : Date.now() > end
            ? reject(new Error(`未退出：\n${t.screen()}`))
            : setTimeout(poll, 20);
      poll();
    });
    // (stderr to a file: tmux at times drops a program's last output when it exits at once)
    expect(readFileSync(join(base, 'err.log'), 'utf8')).toBe('nianbao：已取消（报告未打开，未做任何更改）\n');
    // The editor never opened: it would have taken the Ctrl-C as its own key and quit with 0.
    expect(t.screen()).not.toContain('[表三]');
    expect(t.exitStatus()).toBe(130);
    // Nothing written beside the report (no recovery file, no JSON).
    expect(readdirSync(dir)).toEqual(['report.pdf']);
    // The terminal is given back in line mode.
    expect(t.raw()).toBe(false);
  }, 60_000);
});
