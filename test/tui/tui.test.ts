import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Tmux } from './tmux.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'apps', 'tui', 'dist', 'cli.js');
const SEED = join(ROOT, 'apps', 'tui', 'fixtures', 'seed-2020.json');
const hasTmux = Tmux.available();
if (!hasTmux) console.warn('跳过终端界面端到端测试：没有安装 tmux（apt-get install -y tmux）');

let tmux: Tmux | undefined;
afterEach(() => {
  tmux?.kill();
  tmux = undefined;
});

function workDir(): string {
  if (!existsSync(CLI)) throw new Error(`缺少 ${CLI}：请先构建（npx turbo run build --filter=@nianbao/tui）`);
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-e2e-'));
  copyFileSync(SEED, join(dir, 'seed.json'));
  return dir;
}

function start(dir: string, args: string, size = { width: 100, height: 30 }, env = ''): Tmux {
  const t = new Tmux();
  tmux = t;
  // CI=true as on the CI machine: the TUI must still draw every frame in a terminal.
  t.start(`env NO_COLOR=1 CI=true ${env} ${process.execPath} ${CLI} ${args}`, { ...size, cwd: dir });
  return t;
}

/**
 * Wait until the editor is up and has taken a key: ? opens the help (any key closes it). A key sent
 * as soon as the first frame shows is kept (typed ahead, carried out once the editor listens), so one
 * ? is enough — it used to be polled for, and two ? read together closed the help again.
 */
async function editorReady(t: Tmux): Promise<string> {
  await t.waitFor('[表三]');
  t.send('?');
  await t.waitFor('按任意键返回表格');
  t.send('Space');
  return t.waitFor('[表三]');
}

const cell = (report: { cells: Record<string, { value: number | null }> }, id: string) =>
  report.cells[id]?.value;

describe.skipIf(!hasTmux)('nianbao terminal UI in tmux', () => {
  it('open the seed, type into 表三, see the 勾稽 finding, fix it, save, check the file', async () => {
    const dir = workDir();
    const t = start(dir, 'edit seed.json');
    let screen = await editorReady(t);
    expect(screen).toContain('坑仔口镇人民政府 2020 年度（《格式（试行）》）');
    expect(screen).toContain('错误 0');
    // 一、本年新收 · 商业企业
    t.send('l');
    await t.waitFor('表三 一、本年新收政府信息公开申请数量 · 商业企业 = 0');
    t.type('2');
    // The finding shows while typing, before Enter.
    screen = await t.waitFor(/\[\s*2_\]/);
    await t.waitFor(/错误 2 ·/);
    t.send('Enter');
    await t.waitFor('●未保存');
    // (the findings pane may be drawn a moment after the title: a capture between the two writes
    // held 「问题（错误 2 ·」 and nothing under it — wait for the finding itself)
    screen = await t.waitFor(
      (s) => s.includes('T3-B') && /表三 商业企业列：本年新收（2）加上年结转（0）为 2，而/.test(s),
    );
    // The row total followed: 一、本年新收 · 总计 = 2, marked.
    expect(screen.split('\n').find((l) => l.startsWith('一、本年新收'))).toMatch(/2!\s*$/);
    // Fix: （一）予以公开 · 商业企业 = 2 (two rows down; 三、本年度办理结果 is a caption).
    t.send('j', 'j');
    await t.waitFor('表三 （一）予以公开 · 商业企业 = 0');
    t.burst('2', 'Enter'); // typed fast: one chunk
    screen = await t.waitFor(/错误 0 ·/);
    expect(screen).not.toContain('T3-B');
    t.send('w');
    await t.waitFor('已保存');
    t.send('q');
    await t.waitFor(() => t.exited());
    const saved = JSON.parse(readFileSync(join(dir, 'seed.json'), 'utf8'));
    expect(cell(saved, 'applications.newReceived.commercialEnterprise')).toBe(2);
    expect(cell(saved, 'applications.granted.commercialEnterprise')).toBe(2);
    expect(cell(saved, 'applications.newReceived.total')).toBe(2);
    expect(cell(saved, 'applications.resultTotal.commercialEnterprise')).toBe(2);
    expect(cell(saved, 'applications.resultTotal.total')).toBe(2);
    // The saved file checks clean with the command line too.
    const check = spawnSync(process.execPath, [CLI, 'check', '--json', join(dir, 'seed.json')], {
      encoding: 'utf8',
    });
    expect(check.status).toBe(0);
    expect(JSON.parse(check.stdout).files[0].counts.error).toBe(0);
  });

  it('fits 80×24, jumps from the findings pane and applies a suggested fix', async () => {
    const dir = workDir();
    const t = start(dir, 'edit seed.json', { width: 80, height: 24 });
    await editorReady(t);
    t.type('5');
    t.send('Enter');
    let screen = await t.waitFor(/错误 2 ·/);
    const lines = screen.split('\n');
    expect(lines[0]).toContain('nianbao');
    expect(lines.some((l) => l.includes('hjkl/方向键 移动'))).toBe(true);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(80);
    // Move away, then jump back from the findings pane.
    t.send('G');
    await t.waitFor('四、结转下年度继续办理 · 自然人');
    t.send('f');
    await t.waitFor('Enter 跳转');
    t.send('Enter');
    await t.waitFor('表三 一、本年新收政府信息公开申请数量 · 自然人 = 5');
    // The fix offered first undoes the number just typed (5 → 0): the report is as opened again,
    // so q quits at once — nothing is unsaved.
    t.send('a');
    screen = await t.waitFor('已应用');
    expect(screen).toMatch(/自然人 5 → 0/);
    await t.waitFor(/错误 0 ·/);
    t.send('q');
    await t.waitFor(() => t.exited());
  });

  it('a computed 表三 total: typing is refused, r overrides it with a reason, u takes it back', async () => {
    const dir = workDir();
    const t = start(dir, 'edit seed.json', { width: 120, height: 34 });
    await editorReady(t);
    // 一、本年新收 · 自然人 = 5, then along the row to its 总计 (the seventh column)
    t.type('5');
    t.send('Enter');
    await t.waitFor('●未保存');
    t.send('l', 'l', 'l', 'l', 'l', 'l');
    await t.waitFor('总计 = 5（按各项之和计算） · r 手动改写');
    // typed into the total: refused, the total unchanged
    t.burst('9', 'Enter');
    let screen = await t.waitFor('合计由各项自动计算，不能直接输入');
    const row = () => screen.split('\n').find((l) => l.startsWith('一、本年新收'))!;
    expect(row()).toMatch(/\[\s*5\]\s*$/);
    // r: the new value, then the reason (required), in Chinese
    t.send('r');
    await t.waitFor('手动改写合计 · 新值：_');
    t.type('50');
    t.send('Enter');
    await t.waitFor('手动改写合计 · 改为 50 · 理由（必填）：_');
    t.send('Enter');
    await t.waitFor('请填写改写理由');
    t.type('按台账');
    t.send('Enter');
    screen = await t.waitFor('已手动改写合计：');
    expect(screen).toMatch(/已手动改写合计：.*5 → 50，理由：按台账；按 u 撤销/);
    expect(row()).toMatch(/\[\s*50\]\s*$/);
    // the stated total disagrees with its parts: said as a finding
    await t.waitFor(/错误 [1-9]/);
    // u: the computed total again
    t.send('u');
    screen = await t.waitFor('已撤销');
    expect(row()).toMatch(/\[\s*5\]\s*$/);
    await t.waitFor('总计 = 5（按各项之和计算） · r 手动改写');
    // and the 5 typed first: the report as opened, q quits at once
    t.send('u');
    await t.waitFor('已撤销：表三 一、本年新收政府信息公开申请数量 · 自然人 5 → 0');
    t.send('q');
    await t.waitFor(() => t.exited());
  });

  it('Tab pressed twice fast (one read of the terminal) switches tables twice and changes no number', async () => {
    const dir = workDir();
    const t = start(dir, 'edit seed.json');
    await editorReady(t);
    // one send-keys call: one chunk 「\t\t」, as a held or fast-pressed Tab gives
    t.burst('Tab', 'Tab');
    const screen = await t.waitFor('[表二]');
    expect(screen).not.toContain('已粘贴');
    expect(screen).not.toContain('●未保存');
    t.send('q');
    await t.waitFor(() => t.exited());
  });

  it('keys typed at once after start (before the editor listens) are all carried out, in order', async () => {
    const dir = workDir();
    const t = start(dir, 'edit seed.json', { width: 120, height: 34 });
    // no waiting: typed while node starts and the report loads (the terminal still in line mode, then
    // in raw mode before Ink reads). Read as one chunk they were a pasted column: 「l7⏎3⏎」 put 3 into
    // 二、上年结转 · 自然人 and the l and the 7 were gone.
    t.send('l', '7', 'Enter', '3', 'Enter', '5');
    // the last key too, after the others: 5 being typed into 商业企业
    let screen = await t.waitFor(/\[\s*5_\]/);
    expect(screen).not.toContain('已粘贴');
    t.send('Escape');
    screen = await t.waitFor('一、本年新收政府信息公开申请数量 · 商业企业 = 3');
    expect(screen.split('\n').find((l) => l.startsWith('一、本年新收'))).toMatch(
      /^一、本年新收\S*\s+0\s+\[\s+3\]/,
    );
    expect(screen.split('\n').find((l) => l.startsWith('二、上年结转'))).toMatch(
      /^二、上年结转\S*\s+0\s+0!?\s/,
    );
    t.send('w');
    await t.waitFor('已保存');
    t.send('q');
    await t.waitFor(() => t.exited());
    const saved = JSON.parse(readFileSync(join(dir, 'seed.json'), 'utf8'));
    expect(cell(saved, 'applications.newReceived.commercialEnterprise')).toBe(3);
    expect(cell(saved, 'applications.newReceived.total')).toBe(3);
    expect(cell(saved, 'applications.newReceived.naturalPerson')).toBe(0);
  });

  it('edits the sections in $EDITOR', async () => {
    const dir = workDir();
    const editor = join(dir, 'editor.sh');
    writeFileSync(
      editor,
      '#!/bin/sh\nsed -i "s/^#### 五、存在的主要问题及改进情况$/&\\n\\n专职人员不足，下一步加强培训。/" "$1"\n',
    );
    chmodSync(editor, 0o755);
    const t = start(dir, 'edit seed.json', { width: 100, height: 30 }, `EDITOR=${editor}`);
    await editorReady(t);
    await t.waitFor('N5');
    t.send('e');
    await t.waitFor('正文已更新');
    const screen = await t.waitFor('[表三]');
    expect(screen).not.toContain('第五部分为空');
    t.send('w');
    await t.waitFor('已保存');
    t.send('q');
    await t.waitFor(() => t.exited());
    const saved = JSON.parse(readFileSync(join(dir, 'seed.json'), 'utf8'));
    expect(saved.sections.problems).toBe('专职人员不足，下一步加强培训。');
  });

  it('the folder view checks every report in the background and opens one', async () => {
    const dir = workDir();
    copyFileSync(join(ROOT, 'apps', 'tui', 'fixtures', 'typo-2022.json'), join(dir, 'typo.json'));
    writeFileSync(join(dir, 'broken.json'), '{');
    const t = start(dir, '');
    let screen = await t.waitFor('已检查 3，有问题 2');
    expect(screen).toMatch(/无法使用\s+broken\.json/);
    expect(screen).toMatch(/有警告\s+seed\.json\s+坑仔口镇人民政府/);
    expect(screen).toMatch(/有错误\s+typo\.json\s+示例县交通运输局/);
    // Poll until the list takes keys: G selects the last file.
    for (let i = 0; i < 50; i++) {
      t.send('G');
      try {
        await t.waitFor(/› 有错误\s+typo\.json/, 300);
        break;
      } catch {
        // not listening yet: press again
      }
    }
    // The folder's roll-up (core's aggregate per year).
    t.send('s');
    screen = await t.waitFor('文件夹汇总');
    expect(screen).toMatch(/2022 年度（1 份）\s+2020 年度（1 份）/);
    t.send('x');
    await t.waitFor(/› 有错误\s+typo\.json/); // the selection survived
    t.send('k');
    await t.waitFor(/› 有警告\s+seed\.json/);
    t.send('Enter');
    screen = await t.waitFor('[表三]');
    expect(screen).toContain('坑仔口镇人民政府 2020 年度');
    t.send('q');
    await t.waitFor(/› 有警告\s+seed\.json/);
    t.send('q');
    await t.waitFor(() => t.exited());
  });
});
