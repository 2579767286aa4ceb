import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parseReport } from '@nianbao/core';
import { describe, expect, it } from 'vitest';
import { width } from './lib/text.js';
import { CLI, fixture, nianbao, nianbaoAsync, tempDir } from './test-support/cli.js';

describe('nianbao --version / --help', () => {
  it('prints the version', () => {
    const r = nianbao(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^nianbao \d+\.\d+\.\d+\n$/);
  });

  it('--help of every command is in 简体中文', async () => {
    const cmds = [
      'check',
      'import',
      'render',
      'summary',
      'compare',
      'new',
      'edit',
      'list',
      'pull',
      'push',
      'rules',
    ];
    const runs = await Promise.all(cmds.map((cmd) => nianbaoAsync([cmd, '--help'])));
    runs.forEach((r, i) => {
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`用法：nianbao ${cmds[i]}`);
    });
    const main = await nianbaoAsync(['--help']);
    expect(main.stdout).toContain('命令：');
    expect(main.stdout).toContain('退出码');
  });

  it('unknown commands and options: one line, exit 2, no stack trace', () => {
    for (const args of [['frobnicate'], ['check', '--bogus', 'x.json'], ['check']]) {
      const r = nianbao(args);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^nianbao：/);
      expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    }
  });

  it('nianbao help TOPIC: the command’s help; a topic that is no command is refused with the closest ones, exit 2', () => {
    const ok = nianbao(['help', 'check']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('用法：nianbao check');
    expect(nianbao(['help']).stdout).toContain('命令：');
    const typo = nianbao(['help', 'chek']);
    expect(typo.code).toBe(2);
    expect(typo.stdout).toBe('');
    expect(typo.stderr).toBe('nianbao：没有这个命令的帮助：chek；是不是 check？（查看 nianbao --help）\n');
    expect(nianbao(['help', 'frobnicate']).stderr).toBe(
      'nianbao：没有这个命令的帮助：frobnicate（查看 nianbao --help）\n',
    );
  });

  it('an option without its value is named as typed (no 「-f,」); a mistyped command gets the closest ones', async () => {
    const cases: [string[], string, string][] = [
      [['render', 'x.json', '-f'], '选项 -f 需要一个值（查看 nianbao render --help）', 'MISSING_VALUE'],
      [
        ['render', 'x.json', '--format'],
        '选项 --format 需要一个值（查看 nianbao render --help）',
        'MISSING_VALUE',
      ],
      [['check', '-j'], '选项 -j 需要一个值（查看 nianbao check --help）', 'MISSING_VALUE'],
      [
        ['check', 'x.json', '--jobs', '--json'],
        '选项 --jobs 需要一个值，其后的 --json 是另一个选项（查看 nianbao check --help）',
        'MISSING_VALUE',
      ],
      [
        ['check', 'x.json', '--json=1'],
        '选项 --json 不带值：去掉「=」及其后的内容（查看 nianbao check --help）',
        'USAGE',
      ],
      // a negative number is the value given, not another option: said as what the option takes
      [
        ['list', '--limit', '-1'],
        '--limit 应为正整数（如 --limit 20）：-1（查看 nianbao list --help）',
        'USAGE',
      ],
      [['check', 'x.json', '-j', '-2'], '-j 应为正整数（如 -j 4）：-2（查看 nianbao check --help）', 'USAGE'],
      // not a number: the same words, before any file is read (x.json is not there)
      [
        ['list', '--limit', 'abc'],
        '--limit 应为正整数（如 --limit 20）：abc（查看 nianbao list --help）',
        'USAGE',
      ],
      [
        ['check', 'x.json', '--jobs', '2.5'],
        '--jobs 应为正整数（如 --jobs 4）：2.5（查看 nianbao check --help）',
        'USAGE',
      ],
      [
        ['push', 'x.json', '--expected-version', '-3', '--json'],
        '--expected-version 应为正整数（版本号，如 --expected-version 3）：-3（查看 nianbao push --help）',
        'USAGE',
      ],
      [['chek', 'x.json'], '未知的命令：chek；是不是 check？（查看 nianbao --help）', 'UNKNOWN_COMMAND'],
      [['edti'], '未知的命令：edti；是不是 edit？（查看 nianbao --help）', 'UNKNOWN_COMMAND'],
      [
        ['sumary', '--json'],
        '未知的命令：sumary；是不是 summary？（查看 nianbao --help）',
        'UNKNOWN_COMMAND',
      ],
      [['frobnicate'], '未知的命令：frobnicate（查看 nianbao --help）', 'UNKNOWN_COMMAND'],
    ];
    const runs = await Promise.all(cases.map(([args]) => nianbaoAsync(args)));
    runs.forEach((r, i) => {
      const [args, message, code] = cases[i]!;
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toBe(`nianbao：${message}\n`);
      // asked for JSON (`--json`, or wrongly `--json=1`): stdout is JSON as well
      if (args.some((a) => a === '--json' || a.startsWith('--json=')))
        expect(JSON.parse(r.stdout).error).toEqual({ code, message, exitCode: 2 });
      else expect(r.stdout).toBe('');
    });
  });

  it('push --expected-version that is no version number (abc, 3.5, 0) is refused here as -3 is, before the server is asked; full-width digits are taken', async () => {
    // a server that counts who comes and hangs up on them (CONNECTION_LOST: quick, never a success)
    let connections = 0;
    const server = createServer((s) => {
      connections++;
      s.on('data', () => s.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const push = (value: string, json = false) =>
        nianbaoAsync([
          'push',
          fixture('example-2022.json'),
          '--agency-id',
          'a1',
          '--expected-version',
          value,
          '--server',
          url,
          '--token',
          't',
          ...(json ? ['--json'] : []),
        ]);
      const help = '（查看 nianbao push --help）';
      const want = '--expected-version 应为正整数（版本号，如 --expected-version 3）';
      for (const [value, shown] of [
        ['abc', 'abc'],
        ['3.5', '3.5'],
        ['３.５', '３.５'],
        ['0', '0'],
        ['1e3', '1e3'],
        ['', '（空）'],
      ] as const) {
        const r = await push(value);
        expect(r.code, value).toBe(2);
        expect(r.stderr, value).toBe(`nianbao：${want}：${shown}${help}\n`);
        expect(r.stdout, value).toBe('');
      }
      const j = await push('abc', true);
      expect(j.code).toBe(2);
      expect(JSON.parse(j.stdout).error).toEqual({
        code: 'USAGE',
        message: `${want}：abc${help}`,
        exitCode: 2,
      });
      expect(connections).toBe(0);
      // 「１２」 is 12, as --year takes ２０２５: on to the server (which hangs up here)
      const wide = await push('１２', true);
      expect(wide.stderr).not.toContain('应为正整数');
      expect(JSON.parse(wide.stdout).files[0].code).toBe('CONNECTION_LOST');
      expect(connections).toBeGreaterThan(0);
    } finally {
      server.close();
    }
  });

  it('a missing argument: our own message as written, code USAGE (not wrapped as a library error)', async () => {
    const cases: [string[], string][] = [
      [['compare', 'a', '--json'], '请给出两份报告：nianbao compare OLD NEW'],
      [['render'], '请给出一份报告：nianbao render FILE --format docx -o OUT'],
      [['check', '--json'], '请给出要检查的报告文件或文件夹（nianbao check --help）'],
    ];
    const runs = await Promise.all(cases.map(([args]) => nianbaoAsync(args)));
    runs.forEach((r, i) => {
      const [args, message] = cases[i]!;
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toBe(`nianbao：${message}\n`);
      // render has no --json
      if (args.includes('--json'))
        expect(JSON.parse(r.stdout).error).toEqual({ code: 'USAGE', message, exitCode: 2 });
    });
  });

  it('a reader that goes away (| head) is no error', () => {
    const r = spawnSync(
      'sh',
      [
        '-c',
        `"${process.execPath}" "${CLI}" compare --json "${fixture('example-2021.json')}" "${fixture('example-2022.json')}" | head -c 10 >/dev/null`,
      ],
      {
        encoding: 'utf8',
      },
    );
    expect(r.stderr).toBe('');
  });

  it('refuses the terminal UI when not on a terminal', () => {
    const r = nianbao(['edit', fixture('seed-2020.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('交互式终端');
    expect(nianbao([]).stderr).toContain('交互式终端');
  });
});

describe('nianbao check', () => {
  it('a clean report: exit 0, findings grouped by severity', () => {
    const r = nianbao(['check', fixture('seed-2020.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('坑仔口镇人民政府 2020 年度报告（《格式（试行）》）');
    expect(r.stdout).toContain('警告（2）');
    expect(r.stdout).toContain('合计：错误 0，跨年 0，警告 2');
  });

  it('a report with a typo: exit 1, the cells and numbers printed', () => {
    const r = nianbao(['check', fixture('typo-2022.json')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('错误（2）');
    expect(r.stdout).toContain('T3-H');
    expect(r.stdout).toContain('表三 （一）予以公开 · 自然人 = 2');
    expect(r.stdout).toContain('应为 7，实为 25');
  });

  it('--json gives the core findings as they are', () => {
    const r = nianbao(['check', '--json', fixture('typo-2022.json')]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.totals).toEqual({ files: 1, clean: 0, withErrors: 1, unusable: 0, skipped: 0 });
    expect(out.exitCode).toBe(1);
    const f = out.files[0];
    expect(f).toMatchObject({ ok: true, agency: '示例县交通运输局', year: 2022, edition: '2021' });
    expect(f.counts.error).toBe(2);
    const t3h = f.findings.find((x: { ruleId: string }) => x.ruleId === 'T3-H');
    expect(t3h).toMatchObject({
      severity: 'error',
      status: 'failed',
      expected: 7,
      actual: 25,
      category: '数据勾稽关系错误',
    });
    expect(t3h.cells).toContain('applications.granted.naturalPerson');
  });

  it('unusable input: exit 2 with one line', () => {
    const r = nianbao(['check', fixture('broken.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('broken.json');
    const missing = nianbao(['check', 'no-such-file.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('找不到文件');
  });

  it('--previous runs the cross-year rules (跨年)', () => {
    const r = nianbao([
      'check',
      '--json',
      fixture('example-2022.json'),
      '--previous',
      fixture('example-2021.json'),
    ]);
    const out = JSON.parse(r.stdout);
    expect(out.files[0].findings.some((f: { ruleId: string }) => f.ruleId === 'X1')).toBe(true);
    expect(out.files[0].counts.crossYear).toBeGreaterThan(0);
    expect(r.code).toBe(1);
    const human = nianbao([
      'check',
      fixture('example-2022.json'),
      '--previous',
      fixture('example-2021.json'),
    ]);
    expect(human.stdout).toContain('跨年（');
  });

  it('--previous pairs only reports of the same agency: a folder with another agency, or a file of one, is said so', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'jiaotong-2021.json'), readFileSync(fixture('example-2021.json')));
    // 教育局 2022 with a folder holding only 交通运输局 2021: no pairing, no false X1
    const r = nianbao(['check', '--json', fixture('other-agency-2022.json'), '--previous', dir]);
    expect(r.code).toBe(0);
    const f = JSON.parse(r.stdout).files[0];
    expect(f.counts.crossYear).toBe(0);
    expect(f.findings.some((x: { ruleId: string }) => x.ruleId.startsWith('X'))).toBe(false);
    expect(f.notes).toEqual(['没有找到示例县教育局 2021 年度的报告，未进行跨年核对']);
    // the same file named on its own: said to be another agency's, as compare says
    const named = nianbao([
      'check',
      fixture('other-agency-2022.json'),
      '--previous',
      fixture('example-2021.json'),
    ]);
    expect(named.code).toBe(0);
    expect(named.stdout).toContain('两份报告的机关不同');
    expect(named.stdout).not.toContain('跨年（');
    // the right agency in the folder still pairs
    const same = nianbao(['check', '--json', fixture('example-2022.json'), '--previous', dir]);
    expect(JSON.parse(same.stdout).files[0].counts.crossYear).toBeGreaterThan(0);
  });

  it('an unreadable file in the --previous folder is skipped with a note, not the end of the check', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'example-2021.json'), readFileSync(fixture('example-2021.json')));
    writeFileSync(join(dir, 'broken.json'), readFileSync(fixture('broken.json')));
    const r = nianbao(['check', '--json', fixture('example-2022.json'), '--previous', dir]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.files[0].counts.crossYear).toBeGreaterThan(0);
    expect(out.notes).toEqual([expect.stringMatching(/broken\.json 无法读取，已跳过/)]);
    const human = nianbao(['check', fixture('example-2022.json'), '--previous', dir]);
    expect(human.code).toBe(1);
    expect(human.stdout).toMatch(/注：上一年度报告 .*broken\.json 无法读取，已跳过/);
    // a file named on its own must be readable: a usage error, as before
    expect(nianbao(['check', fixture('example-2022.json'), '--previous', fixture('broken.json')]).code).toBe(
      2,
    );
  });

  it('--config switches rules off; a bad config is exit 2', () => {
    const r = nianbao([
      'check',
      '--json',
      fixture('seed-2020.json'),
      '--config',
      fixture('rules-quiet.json'),
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).files[0].findings).toEqual([]);
    const dir = tempDir();
    writeFileSync(join(dir, 'c.json'), '{"rules": {"NOPE": "off"}}');
    const bad = nianbao(['check', fixture('seed-2020.json'), '--config', join(dir, 'c.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('未知的规则：NOPE');
  });

  it('a folder: summary table, no progress noise when piped, worst exit code wins', () => {
    const dir = tempDir();
    for (const f of ['seed-2020.json', 'example-2022.json', 'typo-2022.json'])
      writeFileSync(join(dir, f), readFileSync(fixture(f)));
    const r = nianbao(['check', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/文件\s+机关\s+年度\s+错误\s+跨年\s+警告\s+提示\s+状态/);
    expect(r.stdout).toContain('共 3 份：无错误 2 份，有错误 1 份，无法使用 0 份');
    writeFileSync(join(dir, 'zz-broken.json'), '{');
    const r2 = nianbao(['check', '--json', dir]);
    expect(r2.code).toBe(2);
    const out = JSON.parse(r2.stdout);
    expect(out.totals).toEqual({ files: 4, clean: 2, withErrors: 1, unusable: 1, skipped: 0 });
    expect(out.files[3]).toMatchObject({ ok: false });
    expect(out.files[3].error).toContain('JSON');
  });

  it('a folder: a published report and its edits saved beside it (import or w) are one report, the edits, shown as coming from the published file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'hongze.pdf'), readFileSync(fixture('published-2024.pdf')));
    writeFileSync(join(dir, 'seed-2020.json'), readFileSync(fixture('seed-2020.json')));
    expect(nianbao(['import', 'hongze.pdf'], { cwd: dir }).code).not.toBe(2); // writes hongze.json
    const saved = JSON.parse(readFileSync(join(dir, 'hongze.json'), 'utf8'));
    expect(saved.meta.year).toBe(2024);
    const out = JSON.parse(nianbao(['check', '--json', '.'], { cwd: dir }).stdout);
    expect(out.totals.files).toBe(2);
    const hongze = out.files.find((f: { file: string }) => f.file.startsWith('hongze'));
    expect(hongze).toMatchObject({ file: 'hongze.json', source: 'hongze.pdf', ok: true, year: 2024 });
    expect(hongze.notes[0]).toContain('这是 hongze.pdf 保存后的修改（hongze.json）');
    const human = nianbao(['check', '.'], { cwd: dir });
    expect(human.stdout).toMatch(/hongze\.pdf（已存修改 \.json）\s+淮安市洪泽区人民政府\s+2024/);
    expect(human.stdout).toContain('共 2 份');
    // a JSON of another report beside it is no saved edit: both checked
    writeFileSync(join(dir, 'hongze.json'), readFileSync(fixture('example-2022.json')));
    const two = JSON.parse(nianbao(['check', '--json', '.'], { cwd: dir }).stdout);
    expect(two.totals.files).toBe(3);
    expect(two.files.some((f: { source?: string }) => f.source)).toBe(false);
  });

  it('human output: rules not checkable for want of cells are one line per table (--verbose lists them); each failed finding says what to do (its hint)', () => {
    const dir = tempDir();
    const r = JSON.parse(readFileSync(fixture('example-2022.json'), 'utf8'));
    for (const k of Object.keys(r.cells))
      if (/^applications\.(granted|partiallyGranted|denied_)/.test(k)) delete r.cells[k];
    writeFileSync(join(dir, 'miss.json'), JSON.stringify(r));
    const json = JSON.parse(nianbao(['check', '--json', 'miss.json'], { cwd: dir }).stdout);
    const unchecked = json.files[0].findings.filter((f: { group: string }) => f.group === 'unchecked');
    expect(unchecked.length).toBeGreaterThan(10);
    const human = nianbao(['check', 'miss.json'], { cwd: dir }).stdout;
    expect(human).toContain(`未能核对（${unchecked.length}）`);
    expect(human).toMatch(
      new RegExp(
        `  ${unchecked.length} 项因表三缺数无法核对（T3-H \\d+、.*）：缺什么见 S5；补齐后再检查，--verbose 逐项列出`,
      ),
    );
    expect(human).not.toContain('无法核对（一）予以公开行');
    expect(human.split('\n').length).toBeLessThan(20);
    const verbose = nianbao(['check', '--verbose', 'miss.json'], { cwd: dir }).stdout;
    expect(verbose).toContain('无法核对（一）予以公开行');
    expect(verbose).not.toContain('缺数无法核对');
    // the hint, as --json has it, once per run of one rule's findings
    const typo = nianbao(['check', fixture('typo-2022.json')]).stdout;
    const hints = JSON.parse(
      nianbao(['check', '--json', fixture('typo-2022.json')]).stdout,
    ).files[0].findings.map((f: { hint: string }) => f.hint);
    for (const h of hints) expect(typo).toContain(`改法：${h}`);
  });

  it('a report of a year to come (2031, 2100) or not yet ended is flagged (S9, core validate today), not checked as clean', () => {
    const dir = tempDir();
    const seed = JSON.parse(readFileSync(fixture('example-2022.json'), 'utf8'));
    const env = { NIANBAO_TODAY: '2026-11-30' };
    for (const [year, said] of [
      [2031, '报告年度 2031 还没有到来（今天是 2026-11-30）'],
      [2100, '报告年度 2100 还没有到来'],
      [2026, '2026 年度尚未结束'],
    ] as const) {
      writeFileSync(join(dir, 'r.json'), JSON.stringify({ ...seed, meta: { ...seed.meta, year } }));
      const out = JSON.parse(nianbao(['check', '--json', 'r.json'], { cwd: dir, env }).stdout);
      const s9 = out.files[0].findings.filter((f: { ruleId: string; message: string }) =>
        f.message.includes(said),
      );
      expect(s9).toHaveLength(1);
      expect(s9[0]).toMatchObject({ ruleId: 'S9', status: 'failed' });
      expect(nianbao(['check', 'r.json'], { cwd: dir, env }).stdout).toContain(said);
    }
    writeFileSync(join(dir, 'r.json'), JSON.stringify({ ...seed, meta: { ...seed.meta, year: 2025 } }));
    const past = nianbao(['check', 'r.json'], { cwd: dir, env }).stdout;
    expect(past).not.toContain('还没有到来');
    expect(past).not.toContain('尚未结束');
  });

  it('a file named twice — directly and through its folder, via ./ or a link, or twice — is checked once', () => {
    const dir = tempDir();
    for (const f of ['seed-2020.json', 'typo-2022.json'])
      writeFileSync(join(dir, f), readFileSync(fixture(f)));
    symlinkSync(join(dir, 'seed-2020.json'), join(dir, 'zz-link.json'));
    const args = [
      'check',
      'in',
      'in/seed-2020.json',
      './in/seed-2020.json',
      'in/zz-link.json',
      'in',
      join(dir, 'typo-2022.json'),
    ];
    const parent = tempDir();
    symlinkSync(dir, join(parent, 'in'));
    const human = nianbao(args, { cwd: parent });
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('共 2 份：无错误 1 份，有错误 1 份，无法使用 0 份');
    const out = JSON.parse(nianbao([...args, '--json'], { cwd: parent }).stdout);
    expect(out.totals).toEqual({ files: 2, clean: 1, withErrors: 1, unusable: 0, skipped: 0 });
    // in the order first named: the folder's files, by their path through it
    expect(out.files.map((f: { file: string }) => f.file)).toEqual([
      'in/seed-2020.json',
      'in/typo-2022.json',
    ]);
  });

  it('a folder: a file that is clearly no report (README.md, package.json) is skipped, not unusable; a Markdown report is checked', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'seed-2020.json'), readFileSync(fixture('seed-2020.json')));
    writeFileSync(join(dir, 'README.md'), '# 年报文件夹\n\n这里放各单位的报告，由办公室整理。\n');
    writeFileSync(join(dir, 'package.json'), '{"name": "reports", "private": true}\n');
    // a Markdown conversion of a published report is a report
    writeFileSync(join(dir, 'kengzaikou.md'), readFileSync(fixture('seed-2020.txt')));
    const r = nianbao(['check', '--json', dir]);
    const out = JSON.parse(r.stdout);
    expect(r.code).toBe(0);
    expect(out.totals).toEqual({ files: 4, clean: 2, withErrors: 0, unusable: 0, skipped: 2 });
    const byName = (n: string) => out.files.find((f: { file: string }) => f.file.endsWith(n));
    expect(byName('README.md')).toMatchObject({ ok: false, skipped: true });
    expect(byName('README.md').error).toContain('不是年度报告');
    expect(byName('package.json')).toMatchObject({ ok: false, skipped: true });
    expect(byName('kengzaikou.md')).toMatchObject({ ok: true, agency: '坑仔口镇人民政府' });
    const human = nianbao(['check', dir]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/README\.md\s+已跳过/);
    expect(human.stdout).toContain(
      '共 2 份：无错误 2 份，有错误 0 份，无法使用 0 份；另有 2 个文件不是年度报告，已跳过',
    );
    // named on its own it is not skipped: a usage error, as before
    expect(nianbao(['check', join(dir, 'README.md')]).code).toBe(2);
  });

  it('a folder: a report in a format we cannot read (.doc, .wps, .ofd, .xls) is listed unusable, never left out unsaid', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'seed-2020.json'), readFileSync(fixture('seed-2020.json')));
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x00, 0x00, 0x3e, 0x00]);
    writeFileSync(join(dir, '城关镇2020年报.doc'), ole);
    writeFileSync(join(dir, '东山乡2020年报.wps'), ole);
    writeFileSync(join(dir, '西河街道2020年报.ofd'), Buffer.from('PK\u0003\u0004ofd'));
    writeFileSync(join(dir, '附表.xls'), ole);
    // a picture or an archive beside them is no report of any kind: not listed, as before
    writeFileSync(join(dir, '照片.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]));
    writeFileSync(join(dir, '材料.zip'), Buffer.from('PK\u0003\u0004'));
    // a .doc beside the same report in a format we read (or the JSON imported from it) is that report
    writeFileSync(join(dir, 'seed-2020.doc'), ole);
    const r = nianbao(['check', '--json', dir]);
    const out = JSON.parse(r.stdout);
    expect(r.code).toBe(2);
    expect(out.totals).toEqual({ files: 5, clean: 1, withErrors: 0, unusable: 4, skipped: 0 });
    const byName = (n: string) => out.files.find((f: { file: string }) => f.file.endsWith(n));
    for (const [n, ext] of [
      ['城关镇2020年报.doc', '.doc'],
      ['东山乡2020年报.wps', '.wps'],
      ['西河街道2020年报.ofd', '.ofd'],
      ['附表.xls', '.xls'],
    ]) {
      expect(byName(n!), n).toMatchObject({ ok: false, code: 'UNSUPPORTED_FORMAT' });
      expect(byName(n!).skipped, n).toBeUndefined();
      expect(byName(n!).error, n).toContain(`不支持 ${ext}`);
    }
    expect(byName('照片.png')).toBeUndefined();
    expect(byName('材料.zip')).toBeUndefined();
    expect(byName('seed-2020.doc')).toBeUndefined();
    const human = nianbao(['check', dir]);
    expect(human.code).toBe(2);
    expect(human.stdout).toMatch(/城关镇2020年报\.doc\s+无法使用：.*不支持 \.doc/);
    // a roll-up of the folder does not leave the report out unsaid either
    const sum = nianbao(['summary', dir]);
    expect(sum.code).toBe(2);
    expect(sum.stderr).toContain('不支持 .');
  });

  it('a folder in which every file was skipped (no report checked at all) exits 2, as an empty folder does', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'README.md'), '# 年报文件夹\n\n这里放各单位的报告，由办公室整理。\n');
    writeFileSync(join(dir, 'empty.txt'), '');
    const human = nianbao(['check', dir]);
    expect(human.code).toBe(2);
    expect(human.stdout).toMatch(/README\.md\s+已跳过/);
    expect(human.stderr).toContain('没有检查任何报告：找到的 2 个文件都不是年度报告');
    const json = nianbao(['check', '--json', dir]);
    expect(json.code).toBe(2);
    const out = JSON.parse(json.stdout);
    expect(out.totals).toEqual({ files: 2, clean: 0, withErrors: 0, unusable: 0, skipped: 2 });
    expect(out.exitCode).toBe(2);
    // one report beside them: checked, the skipped ones do not change the exit code
    writeFileSync(join(dir, 'seed-2020.json'), readFileSync(fixture('seed-2020.json')));
    expect(nianbao(['check', dir]).code).toBe(0);
  });

  it('import and new -o FOLDER: 「这是一个文件夹，请给出文件名」 (NOT_A_FILE), as render and compare say it — not EISDIR, nor 「已存在」', () => {
    const dir = tempDir();
    const folder = join(dir, 'out');
    mkdirSync(folder);
    const said = `nianbao：无法写入 ${folder}：这是一个文件夹，请给出文件名\n`;
    const imp = nianbao(['import', fixture('seed-2020.txt'), '-o', folder]);
    expect(imp.code).toBe(2);
    expect(imp.stderr).toBe(said);
    const json = nianbao(['import', fixture('seed-2020.txt'), '-o', folder, '--json']);
    expect(JSON.parse(json.stdout).error.code).toBe('NOT_A_FILE');
    for (const force of [[], ['--force']]) {
      const made = nianbao(['new', '--year', '2024', '--agency', '某某镇人民政府', '-o', folder, ...force]);
      expect(made.code).toBe(2);
      expect(made.stderr).toBe(said);
    }
    const rendered = nianbao(['render', fixture('seed-2020.json'), '--format', 'md', '-o', folder]);
    expect(rendered.stderr).toBe(said);
  });

  it('a folder with an empty or a binary .txt: each skipped with its reason and named in the last line; the exit code as before', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'seed-2020.json'), readFileSync(fixture('seed-2020.json')));
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(
      join(dir, 'junk.txt'),
      Buffer.from([0x89, 0x00, 0x13, 0xfe, 0x02, 0x41, 0x00, 0x7f, 0x10, 0x01]),
    );
    const human = nianbao(['check', '.'], { cwd: dir });
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/empty\.txt\s+已跳过：空文件，不是年度报告/);
    expect(human.stdout).toMatch(/junk\.txt\s+已跳过：不是文本（二进制内容），不是年度报告/);
    const last = human.stdout.trimEnd().split('\n').at(-1);
    expect(last).toBe(
      '共 1 份：无错误 1 份，有错误 0 份，无法使用 0 份；另有 2 个文件不是年度报告，已跳过：empty.txt、junk.txt',
    );
    const out = JSON.parse(nianbao(['check', '--json', '.'], { cwd: dir }).stdout);
    expect(out.totals).toEqual({ files: 3, clean: 1, withErrors: 0, unusable: 0, skipped: 2 });
    expect(out.exitCode).toBe(0);
    // many skipped: the first ten by name, the rest counted
    for (let i = 1; i <= 12; i++) writeFileSync(join(dir, `e${String(i).padStart(2, '0')}.txt`), '');
    const many = nianbao(['check', '.'], { cwd: dir }).stdout.trimEnd().split('\n').at(-1);
    expect(many).toContain('另有 14 个文件不是年度报告，已跳过：e01.txt、e02.txt、');
    expect(many).toContain('e10.txt 等（另有 4 个）');
  });

  it('many files go through worker threads and give the same results', () => {
    const dir = tempDir();
    const seed = readFileSync(fixture('seed-2020.json'));
    const typo = readFileSync(fixture('typo-2022.json'));
    for (let i = 0; i < 150; i++)
      writeFileSync(join(dir, `r${String(i).padStart(3, '0')}.json`), i % 50 === 7 ? typo : seed);
    writeFileSync(join(dir, 'zz-notes.md'), '# 备忘\n\n明天再查。\n'); // no report: skipped in a worker too
    const r = nianbao(['check', '--json', '--jobs', '2', dir]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.totals).toEqual({ files: 151, clean: 147, withErrors: 3, unusable: 0, skipped: 1 });
    expect(out.files[7].file).toMatch(/r007\.json$/);
    expect(out.files[7].counts.error).toBe(2);
  });

  it('worker threads: JSON, published text and unusable files mixed give exactly the output of one thread', () => {
    const dir = tempDir();
    const json = ['seed-2020.json', 'typo-2022.json', 'example-2022.json'].map((f) =>
      readFileSync(fixture(f)),
    );
    const text = readFileSync(fixture('seed-2020.txt'), 'utf8');
    // r1 … r120 (numeric order, not r1, r10, r100 …); every third a published text, one broken
    for (let i = 1; i <= 120; i++) {
      const name = join(dir, `r${i}`);
      if (i === 61) writeFileSync(`${name}.json`, '{"meta":');
      else if (i % 3 === 0) writeFileSync(`${name}.txt`, text.replaceAll('坑仔口镇', `坑仔口${i}镇`));
      else writeFileSync(`${name}.json`, json[i % json.length]!);
    }
    const one = nianbao(['check', '--json', '--jobs', '1', dir]);
    const two = nianbao(['check', '--json', '--jobs', '2', dir]);
    expect(one.code).toBe(2);
    expect(two.code).toBe(2);
    expect(two.stdout).toBe(one.stdout);
    const out = JSON.parse(one.stdout);
    expect(out.files.map((f: { file: string }) => f.file.replace(/^.*\//, '')).slice(0, 4)).toEqual([
      'r1.json',
      'r2.json',
      'r3.txt',
      'r4.json',
    ]);
    expect(out.files[2]).toMatchObject({ ok: true, agency: '坑仔口3镇人民政府', year: 2020 });
    expect(out.files[60]).toMatchObject({ ok: false });
    expect(out.totals.files).toBe(120);
    expect(out.totals.unusable).toBe(1);
  });
});

describe('nianbao new / summary / compare / rules', () => {
  it('new writes a blank report of the right edition', () => {
    const dir = tempDir();
    const out = join(dir, 'report.json');
    const r = nianbao(['new', '--year', '2025', '--agency', '某某镇人民政府', '-o', out]);
    expect(r.code).toBe(0);
    const parsed = parseReport(readFileSync(out, 'utf8'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.meta).toMatchObject({
      year: 2025,
      edition: '2021',
      agency: { name: '某某镇人民政府', kind: '人民政府', level: '乡镇级' },
    });
    expect(Object.values(parsed.value.cells).every((c) => c.value === null)).toBe(true);
    expect(Object.keys(parsed.value.cells)).toHaveLength(200);
    // Nothing is lost: an existing file is not overwritten without --force.
    const again = nianbao(['new', '--year', '2025', '--agency', '别的机关', '-o', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('已存在');
    expect(JSON.parse(readFileSync(out, 'utf8')).meta.agency.name).toBe('某某镇人民政府');
    expect(nianbao(['new', '--year', '2025', '--agency', '别的机关', '-o', out, '--force']).code).toBe(0);
  });

  it('numeric options take full-width digits, as cells do: new --year ２０２５, summary --year ２０２２, check --jobs ２', () => {
    const made = nianbao(['new', '--year', '２０２５', '--agency', '某某镇人民政府']);
    expect(made.code, made.stderr).toBe(0);
    expect(JSON.parse(made.stdout).meta).toMatchObject({ year: 2025, edition: '2021' });
    // still four digits, and said as typed
    const bad = nianbao(['new', '--year', '２０２', '--agency', 'x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('报告年度应为四位数字：２０２');
    const dir = tempDir();
    for (const f of ['example-2022.json', 'seed-2020.json'])
      writeFileSync(join(dir, f), readFileSync(fixture(f)));
    const summed = nianbao(['summary', '--json', '--year', '２０２２', '.'], { cwd: dir });
    expect(summed.code, summed.stderr).toBe(0);
    expect(JSON.parse(summed.stdout).notes.join('')).toContain('不是 2022 年度');
    const checked = nianbao(['check', '--json', '--jobs', '２', dir]);
    expect([0, 1]).toContain(checked.code);
    expect(JSON.parse(checked.stdout).totals.files).toBe(2);
  });

  it('new --zero fills every cell with 0; bad years are exit 2', () => {
    const r = nianbao(['new', '--year', '2020', '--agency', '坑仔口镇人民政府', '--zero']);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout);
    expect(rep.meta.edition).toBe('2019-trial');
    expect(Object.values(rep.cells).every((c) => (c as { value: number }).value === 0)).toBe(true);
    expect(nianbao(['new', '--year', '2010', '--agency', 'x']).code).toBe(2);
    expect(nianbao(['new', '--year', '2020']).stderr).toContain('--agency');
  });

  it('summary of one report (human and --json)', () => {
    const r = nianbao(['summary', fixture('example-2022.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('申请总量（新收＋上年结转）');
    expect(r.stdout).toContain('说明语句');
    const j = JSON.parse(nianbao(['summary', '--json', fixture('example-2022.json')]).stdout);
    expect(j.summary.indicators.find((i: { key: string }) => i.key === 'newReceived').value).toBeGreaterThan(
      0,
    );
    expect(j.narration.sentences.length).toBeGreaterThan(0);
  });

  it('summary of many reports is the roll-up', () => {
    const one = JSON.parse(nianbao(['summary', '--json', fixture('example-2022.json')]).stdout);
    const two = JSON.parse(nianbao(['summary', '--json', fixture('other-agency-2022.json')]).stdout);
    const r = nianbao([
      'summary',
      '--json',
      '--agency',
      '示例县人民政府',
      fixture('example-2022.json'),
      fixture('other-agency-2022.json'),
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    const v = (s: { indicators: { key: string; value: number }[] }) =>
      s.indicators.find((i) => i.key === 'newReceived')!.value;
    expect(v(j.summary)).toBe(v(one.summary) + v(two.summary));
    expect(j.contributors).toEqual(['示例县交通运输局', '示例县教育局']);
    expect(j.summary.agency).toBe('示例县人民政府');
    // the same report twice, or two files of the same agency and year, is not summed twice
    for (const [x, y] of [
      ['example-2022.json', 'example-2022.json'],
      ['example-2022.json', 'typo-2022.json'],
    ] as const) {
      const twice = nianbao(['summary', '--json', fixture(x), fixture(y)]);
      expect(twice.code).toBe(2);
      // under --json stdout is JSON: the error object, the same line as on stderr
      expect(JSON.parse(twice.stdout).error.message).toBe(twice.stderr.trim().replace(/^nianbao：/, ''));
      expect(twice.stderr.trim().split('\n')).toHaveLength(1);
      expect(twice.stderr).toContain('示例县交通运输局 2022 年度的报告给了两次');
      expect(twice.stderr).toContain(y);
    }
    const mixed = nianbao(['summary', fixture('example-2022.json'), fixture('seed-2020.json')]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('同一年度');
  });

  it('a finding about cells printed but not read by the importer says so (S4 beside DIGITS_SPLIT_AMBIGUOUS)', () => {
    const dir = tempDir();
    const text = [
      '某某县教育局2022年政府信息公开工作年度报告',
      '一、总体情况',
      '本年度主动公开信息。',
      '二、主动公开政府信息情况',
      '第二十条第（一）项',
      '信息内容\t本年制发件数\t本年废止件数\t现行有效件数',
      '规章\t0\t0\t0',
      '行政规范性文件\t693665',
      '第二十条第（五）项',
      '信息内容\t本年处理决定数量',
      '行政许可\t5',
      '第二十条第（六）项',
      '信息内容\t本年处理决定数量',
      '行政处罚\t3',
      '行政强制\t0',
      '第二十条第（八）项',
      '信息内容\t本年收费金额（单位：万元）',
      '行政事业性收费\t0',
      '三、收到和处理政府信息公开申请情况',
    ].join('\n');
    writeFileSync(join(dir, 'flat.txt'), text);
    const r = nianbao(['check', join(dir, 'flat.txt')]);
    expect(r.stdout).toContain('DIGITS_SPLIT_AMBIGUOUS');
    expect(r.stdout).toMatch(
      /S4 +表二缺少 3 个单元格（行政规范性文件）（印有数字，但导入时未能读出，见导入错误）/,
    );
    // a table never found is not 「印有数字」
    expect(r.stdout).not.toMatch(/T3-H.*印有数字/);
  });

  it('summary DIR: a published report and its edits saved beside it are one report, the edits, said to come from the published file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'hongze.pdf'), readFileSync(fixture('published-2024.pdf')));
    expect(nianbao(['import', 'hongze.pdf'], { cwd: dir }).code).not.toBe(2); // writes hongze.json
    // the edits: 5 more applications than the published PDF says
    const saved = JSON.parse(readFileSync(join(dir, 'hongze.json'), 'utf8'));
    const published = saved.cells['applications.newReceived.total'].value as number;
    for (const id of ['applications.newReceived.naturalPerson', 'applications.newReceived.total'])
      saved.cells[id].value += 5;
    writeFileSync(join(dir, 'hongze.json'), JSON.stringify(saved));
    const newReceived = (s: { indicators: { key: string; value: number }[] }) =>
      s.indicators.find((i) => i.key === 'newReceived')!.value;
    // one report (not a roll-up of two, nor refused as the same report twice): the edited numbers
    const one = nianbao(['summary', '--json', '.'], { cwd: dir });
    expect(one.code).toBe(0);
    const j = JSON.parse(one.stdout);
    expect(j.contributors).toBeUndefined();
    expect(newReceived(j.summary)).toBe(published + 5);
    expect(j.notes[0]).toEqual(
      expect.stringContaining('这是 hongze.pdf 保存后的修改（hongze.json），按它生成摘要'),
    );
    // and nothing else but what check finds wrong in it (the PDF's 表三 in the trial layout: S5)
    expect(j.notes.slice(1).every((n: string) => n.startsWith('该报告有 '))).toBe(true);
    const human = nianbao(['summary', '.'], { cwd: dir });
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('淮安市洪泽区人民政府 2024 年度报告（2021 版格式）摘要');
    expect(human.stdout).toContain(
      '注：这是 hongze.pdf 保存后的修改（hongze.json），按它生成摘要，hongze.pdf 不再单独计算',
    );
    expect(human.stdout).toContain(`本年新收政府信息公开申请${published + 5}件`);
    // with another agency's report of the year: a roll-up of two, the edits counted once
    expect(
      nianbao(['new', '--year', '2024', '--agency', '某某县教育局', '--zero', '-o', 'other.json'], {
        cwd: dir,
      }).code,
    ).toBe(0);
    const two = JSON.parse(nianbao(['summary', '--json', '.'], { cwd: dir }).stdout);
    expect(two.contributors).toHaveLength(2);
    expect(newReceived(two.summary)).toBe(published + 5);
    expect(two.notes).toContainEqual(
      expect.stringContaining('这是 hongze.pdf 保存后的修改（hongze.json），按它汇总'),
    );
    // a copy of the edits elsewhere in the folder is the same report twice: named as the pair
    writeFileSync(join(dir, 'copy.json'), JSON.stringify(saved));
    const twice = nianbao(['summary', '.'], { cwd: dir });
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('的报告给了两次（copy.json 和 hongze.pdf（已存修改 hongze.json））');
  });

  it('summary DIR: a file of the folder that is clearly no report (README.md, package.json) is skipped and named, as check DIR does; named on its own it is unusable', () => {
    const dir = tempDir();
    for (const f of ['example-2022.json', 'other-agency-2022.json'])
      writeFileSync(join(dir, f), readFileSync(fixture(f)));
    writeFileSync(join(dir, 'README.md'), '# 说明\n这里是今年各单位的报告。\n');
    writeFileSync(join(dir, 'package.json'), '{"name":"x"}');
    const r = nianbao(['summary', '.'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2022 年度汇总（2 份报告');
    expect(r.stdout).toContain(
      '注：另有 2 个文件不是年度报告，已跳过：package.json（不是年度报告的 JSON（没有 meta、cells））、README.md（通篇没有「信息公开」字样，不是年度报告）',
    );
    const j = JSON.parse(nianbao(['summary', '--json', '.'], { cwd: dir }).stdout);
    expect(j.contributors).toEqual(['示例县交通运输局', '示例县教育局']);
    expect(j.notes[0]).toContain('另有 2 个文件不是年度报告，已跳过');
    // named on its own, a file is read whatever it is: no report there is an error (exit 2)
    const named = nianbao(['summary', 'example-2022.json', 'package.json'], { cwd: dir });
    expect(named.code).toBe(2);
    expect(named.stderr).toContain('package.json');
  });

  it('summary of a folder of several years says which files are of which year, and to give one year', () => {
    const dir = tempDir();
    for (const f of ['example-2022.json', 'other-agency-2022.json', 'seed-2020.json'])
      writeFileSync(join(dir, f), readFileSync(fixture(f)));
    const r = nianbao(['summary', '.'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      'nianbao：只能汇总同一年度的报告，这里有 2 个年度：2020 年度 1 份（seed-2020.json）；2022 年度 2 份（example-2022.json、other-agency-2022.json）。请用 --year 年度 只汇总其中一年（如 --year 2022），或只给出同一年度的报告（按年度分开放在各自的文件夹，或逐个列出文件）',
    );
  });

  it('summary DIR --year: the roll-up of that year’s reports, the others named in a note; a year with none says which there are', () => {
    const dir = tempDir();
    for (const f of ['example-2022.json', 'other-agency-2022.json', 'seed-2020.json'])
      writeFileSync(join(dir, f), readFileSync(fixture(f)));
    const v = (s: { indicators: { key: string; value: number | null }[] }) =>
      s.indicators.find((i) => i.key === 'newReceived')!.value;
    const both = JSON.parse(
      nianbao(['summary', '--json', 'example-2022.json', 'other-agency-2022.json'], { cwd: dir }).stdout,
    );
    const r = nianbao(['summary', '--json', '--year', '2022', '.'], { cwd: dir });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    // the same sums as the two 2022 reports named on their own
    expect(j.contributors).toEqual(both.contributors);
    expect(v(j.summary)).toBe(v(both.summary));
    expect(j.notes).toContain('另有 1 份报告不是 2022 年度，未计入：seed-2020.json（2020 年度）');
    // one report of the year: its own summary, with the note
    const one = nianbao(['summary', '--year', '2020', '.'], { cwd: dir });
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('2020 年度报告');
    expect(one.stdout).toContain('另有 2 份报告不是 2020 年度，未计入');
    const none = nianbao(['summary', '--year', '2019', '.'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr.trim()).toBe('nianbao：没有 2019 年度的报告：给出的 3 份报告是 2020、2022 年度的');
    const bad = nianbao(['summary', '--year', '22', '.'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('nianbao：--year 应为四位年度：22');
  });

  it('push of a folder says push takes report files (not 「上传已发布的报告需要 --agency-id」), before any server is asked', () => {
    const dir = tempDir();
    const r = nianbao(['push', dir, '--server', 'http://127.0.0.1:9', '--token', 'x']);
    expect(r.code).toBe(2);
    // its own result line (the code, then why), not a server that cannot be reached
    expect(r.stdout).toContain(
      `未上传 ${dir}（NOT_A_FILE）：${dir} 是文件夹：push 只上传报告文件，请逐个列出`,
    );
    expect(r.stdout + r.stderr).not.toContain('agency-id');
    expect(r.stdout).not.toContain('无法连接');
  });

  it('a roll-up tells a cell never read in a report (imported in part) from a blank one', () => {
    const dir = tempDir();
    const partial = JSON.parse(readFileSync(fixture('other-agency-2022.json'), 'utf8'));
    delete partial.cells['applications.carriedOver.naturalPerson'];
    writeFileSync(join(dir, 'partial.json'), JSON.stringify(partial));
    const r = nianbao(['summary', fixture('example-2022.json'), join(dir, 'partial.json')]);
    expect(r.code).toBe(0);
    // the cell and the row's 总计 through it (core sums each report as derive gives it): both never read
    expect(r.stdout).toContain(
      '有 2 个单元格未汇总、留空（不按 0 计）：2 个因部分报告中未读到（导入时没有读出，不是空白）',
    );
    expect(r.stdout).toContain('申请总量（新收＋上年结转）');
    expect(r.stdout).toContain('单元格未读到，不是空白');
    expect(r.stdout).not.toContain('为空白');
    expect(r.stdout).not.toContain('因部分报告空白');
  });

  it('compare prints the changes and the cross-year findings', () => {
    const r = nianbao(['compare', fixture('example-2021.json'), fixture('example-2022.json')]);
    expect(r.stdout).toContain('2021 年度 → 示例县交通运输局 2022 年度');
    expect(r.stdout).toContain('跨年核对');
    const j = JSON.parse(
      nianbao(['compare', '--json', fixture('seed-2020.json'), fixture('example-2021.json')]).stdout,
    );
    expect(j.notes.some((n: string) => n.includes('机关不同'))).toBe(true);
    expect(j.deltas.length).toBeGreaterThan(100);
  });

  it('compare shows money with its unit (元 converted to 万元 by core); --json as core gives it', () => {
    const dir = tempDir();
    const fee = 'activeDisclosure.adminFees.feeAmount';
    const withFee = (name: string, year: string, cell: { value: number; unit?: string }) => {
      const r = JSON.parse(readFileSync(fixture(`example-${year}.json`), 'utf8'));
      r.cells[fee] = cell;
      writeFileSync(join(dir, name), JSON.stringify(r));
      return join(dir, name);
    };
    const a = withFee('a.json', '2021', { value: 251000, unit: '元' });
    const b = withFee('b.json', '2022', { value: 30, unit: '万元' });
    const human = nianbao(['compare', a, b]).stdout;
    const row = human.split('\n').find((l) => l.includes('收费金额') && !l.startsWith('注：'));
    expect(row, human).toMatch(/25\.1万元\s+30万元\s+\+4\.9万元\s+\+19\.5%/);
    const json = JSON.parse(nianbao(['compare', '--json', a, b]).stdout);
    expect(json.deltas.find((d: { currentCells: string[] }) => d.currentCells.includes(fee))).toMatchObject({
      previous: 25.1,
      current: 30,
      delta: 4.9,
      unit: '万元',
    });
    // a year whose unit is not known (read from a page that printed none): shown as printed, not compared
    const c = withFee('c.json', '2021', { value: 251000, unit: 'unknown' });
    const unknown = nianbao(['compare', c, b]).stdout;
    const row2 = unknown.split('\n').find((l) => l.includes('收费金额') && !l.startsWith('注：'));
    expect(row2, unknown).toMatch(/251000\s+30\s+单位不明\s+—/);
    // a 2021 cell with no unit given is in the format's 万元, as the table's head prints it
    const d = withFee('d.json', '2021', { value: 20 });
    const inFormat = nianbao(['compare', d, b]).stdout;
    const row3 = inFormat.split('\n').find((l) => l.includes('收费金额') && !l.startsWith('注：'));
    expect(row3, inFormat).toMatch(/20万元\s+30万元\s+\+10万元\s+\+50(\.0)?%/);
  });

  it('compare NEW OLD says the order is reversed and how to swap it (exit 2)', () => {
    const [older, newer] = [fixture('example-2021.json'), fixture('example-2022.json')];
    for (const args of [
      ['compare', newer, older],
      ['compare', '--json', newer, older],
    ]) {
      const r = nianbao(args);
      expect(r.code).toBe(2);
      // under --json stdout is the error object, otherwise empty
      if (args.includes('--json')) expect(JSON.parse(r.stdout).error.exitCode).toBe(2);
      else expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('顺序反了');
      expect(r.stderr).not.toContain('不是相邻年度');
      expect(r.stderr).toContain(`请交换：nianbao compare ${older} ${newer}`);
    }
    expect(nianbao(['compare', older, newer]).code).toBe(1);
  });

  it('rules lists the catalogue', () => {
    const r = nianbao(['rules', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).map((x: { id: string }) => x.id)).toContain('T3-B');
  });

  it('import of a JSON report writes it again (the diagnostics on stderr)', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'out'));
    const out = join(dir, 'out', 'r.json');
    const r = nianbao(['import', fixture('seed-2020.json'), '-o', out]);
    expect(r.code).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(r.stderr).toContain('已导入 坑仔口镇人民政府 2020 年度报告');
  });

  it('check of a folder: long file names are cut in the middle to the terminal width, their ends kept', () => {
    const dir = tempDir();
    const seed = readFileSync(fixture('seed-2020.json'), 'utf8');
    const long = 'huaian-hongze-district-peoples-government-annual-report';
    for (const y of ['2023', '2024'])
      writeFileSync(join(dir, `${long}-${y}.json`), seed.replace('坑仔口镇人民政府', `坑仔口镇人民政府${y}`));
    const wide = nianbao(['check', dir], { env: { COLUMNS: '160' } });
    expect(wide.stdout).toContain(`${long}-2023.json`);
    expect(wide.stdout).toContain(`${long}-2024.json`);
    const narrow = nianbao(['check', dir], { env: { COLUMNS: '90' } });
    const rows = narrow.stdout.split('\n').filter((l) => l.includes('2020'));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('…');
    expect(rows[0]).toContain('2023.json');
    expect(rows[1]).toContain('2024.json');
    for (const l of rows) expect(width(l)).toBeLessThanOrEqual(90);
  });

  it('under --json a usage error is JSON on stdout too ({ error: { code, message } }), same exit code', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'r.json'), readFileSync(fixture('seed-2020.json')));
    for (const [args, code] of [
      [['check', dir, '--json', '--bogus'], 'UNKNOWN_OPTION'],
      [['check', dir, '--json', '--previous', join(dir, 'nosuch.json')], 'FILE_NOT_FOUND'],
      [['summary', '--json'], 'USAGE'],
      [['check', '--json', '--jobs'], 'MISSING_VALUE'],
    ] as const) {
      const r = nianbao([...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^nianbao：/);
      const out = JSON.parse(r.stdout);
      expect(out.error).toMatchObject({ code, exitCode: 2 });
      expect(out.error.message).toBe(r.stderr.trim().replace(/^nianbao：/, ''));
    }
    // without --json, stdout stays empty
    expect(nianbao(['check', dir, '--bogus']).stdout).toBe('');
  });

  it('check --json: every finding has the group it is counted under, so filtering agrees with counts', () => {
    const dir = tempDir();
    const blank = join(dir, 'blank.json');
    expect(nianbao(['new', '--year', '2022', '--agency', '示例县人民政府', '-o', blank]).code).toBe(0);
    const out = JSON.parse(nianbao(['check', '--json', blank]).stdout);
    const f = out.files[0];
    expect(f.counts.unchecked).toBeGreaterThan(0);
    for (const g of ['error', 'crossYear', 'warning', 'info', 'unchecked'])
      expect(f.findings.filter((x: { group: string }) => x.group === g).length, g).toBe(f.counts[g]);
    for (const x of f.findings) if (x.status === 'unchecked') expect(x.group).toBe('unchecked');
    const c = JSON.parse(
      nianbao(['compare', '--json', fixture('example-2021.json'), fixture('example-2022.json')]).stdout,
    );
    expect(c.findings.filter((x: { group: string }) => x.group === 'crossYear').length).toBe(
      c.counts.crossYear,
    );
  });

  it('smaller: .xls not supported, English errors wrapped, roll-up title, a year of the future, blank → blank', () => {
    const dir = tempDir();
    // (a) an old spreadsheet (.xlsx is read), a damaged workbook
    writeFileSync(join(dir, 'city.xls'), 'x');
    const xls = nianbao(['import', join(dir, 'city.xls')]);
    expect(xls.code).toBe(2);
    expect(xls.stderr).toContain(
      '不支持 .xls：请导入 .txt/.html/.pdf/.docx/.xlsx 或我们的 JSON（.xls 请在 Excel 或 WPS 中另存为 .xlsx）',
    );
    // four bytes of a ZIP: a workbook cut short, as ingest says it since dd5a144
    writeFileSync(join(dir, 'city.xlsx'), 'PK\u0003\u0004');
    const xlsx = nianbao(['import', join(dir, 'city.xlsx')]);
    expect(xlsx.code).toBe(2);
    expect(xlsx.stderr).toContain('Excel 文件不完整');
    // (b) the libraries' English only as detail behind 简体中文
    writeFileSync(join(dir, 'bad.pdf'), '%PDF-1.4 garbage');
    writeFileSync(join(dir, 'bad.docx'), 'PK\u0003\u0004garbage');
    for (const [f, zh, en] of [
      ['bad.pdf', 'PDF 结构无效', 'Invalid PDF structure.'],
      ['bad.docx', 'zip 数据无效', 'invalid zip data'],
    ]) {
      const r = nianbao(['check', join(dir, f!)]);
      expect(r.stderr, f).toContain(`${zh}；原始信息：${en}`);
      expect(r.stderr.replace(`原始信息：${en}`, ''), f).not.toContain(en);
    }
    // JSON that is no JSON: which file, where, what stands there — whole, in 简体中文 (V8's English
    // quoted the file up to its first line break: 「Unexpected token 'o', "not json」)
    for (const [text, why] of [
      ['{"meta":', '在结尾处不完整（第 1 行第 9 列），文件可能被截断'],
      ['not json\n', '在第 1 行第 1 列有无法识别的内容「not json」'],
      ['{\n  "schemaVersion": 1\n  "meta": {}\n}\n', '在第 3 行第 3 列应为「,」或「}」，却是「"meta": {}」'],
    ]) {
      writeFileSync(join(dir, 'bad.json'), text!);
      const r = nianbao(['check', 'bad.json'], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`nianbao：bad.json 不是有效的 JSON：${why}\n`);
    }
    // a BOM before the JSON (as Windows Notepad saves it) is no content: the report is read
    writeFileSync(join(dir, 'bom.json'), `\uFEFF${readFileSync(fixture('seed-2020.json'), 'utf8')}`);
    expect(nianbao(['check', join(dir, 'bom.json')]).code).toBe(0);
    // (c) the default roll-up name is not said twice
    const s = nianbao(['summary', fixture('example-2022.json'), fixture('other-agency-2022.json')]);
    expect(s.stdout).toMatch(/^2022 年度汇总（2 份报告/);
    expect(
      nianbao([
        'summary',
        '--agency',
        '示例县',
        fixture('example-2022.json'),
        fixture('other-agency-2022.json'),
      ]).stdout,
    ).toMatch(/^示例县 2022 年度汇总/);
    // (e) a year after this one
    const next = new Date().getFullYear() + 1;
    const future = nianbao([
      'new',
      '--year',
      String(next),
      '--agency',
      '示例县人民政府',
      '-o',
      join(dir, 'f.json'),
    ]);
    expect(future.code).toBe(2);
    expect(future.stderr).toContain(`报告年度 ${next} 晚于今年`);
    expect(existsSync(join(dir, 'f.json'))).toBe(false);
    // (f) this year, not yet ended: refused as the server refuses it (its numbers are the whole year's)
    const thisYear = nianbao([
      'new',
      '--year',
      String(next - 1),
      '--agency',
      '示例县人民政府',
      '-o',
      join(dir, 'f.json'),
    ]);
    expect(thisYear.code).toBe(2);
    expect(thisYear.stderr).toContain(`${next - 1} 年尚未结束`);
    expect(existsSync(join(dir, 'f.json'))).toBe(false);
    // (g) blank → blank is no change
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    nianbao(['new', '--year', '2023', '--agency', '示例县人民政府', '-o', a]);
    nianbao(['new', '--year', '2024', '--agency', '示例县人民政府', '-o', b]);
    const c = nianbao(['compare', a, b]);
    expect(c.stdout).toContain('可比项目没有变化');
    expect(c.stdout).not.toMatch(/空白\s+空白/);
    expect(nianbao(['compare', '--all', a, b]).stdout).toMatch(/空白\s+空白/);
  });
});

describe('「-」: a report from standard input (check -, import -)', () => {
  /** `nianbao …` with `input` piped to its standard input. */
  const piped = (args: string[], input: Buffer | string, env: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, [CLI, ...args], {
      input,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', NIANBAO_SERVER: '', NIANBAO_TOKEN: '', ...env },
      timeout: 110_000,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('check - reads the report piped in (our JSON or a published text), as the same file', () => {
    const typo = readFileSync(fixture('typo-2022.json'));
    const r = piped(['check', '--json', '-'], typo);
    const asFile = nianbao(['check', '--json', fixture('typo-2022.json')]);
    expect(r.stderr).not.toContain('找不到文件');
    expect(r.code).toBe(asFile.code);
    const out = JSON.parse(r.stdout);
    expect(out.files[0].file).toBe('-');
    expect(out.files[0].findings).toEqual(JSON.parse(asFile.stdout).files[0].findings);
    const text = piped(['check', '--json', '-'], readFileSync(fixture('seed-2020.txt')));
    expect(JSON.parse(text.stdout).files[0]).toMatchObject({
      ok: true,
      agency: '坑仔口镇人民政府',
      year: 2020,
    });
    // beside files, and with NIANBAO_SERVER set: still read here (no server asked)
    const both = piped(['check', '--json', fixture('example-2022.json'), '-'], typo, {
      NIANBAO_SERVER: 'http://127.0.0.1:9',
      NIANBAO_TOKEN: 'x',
    });
    expect(JSON.parse(both.stdout).files.map((f: { file: string; ok: boolean }) => [f.file, f.ok])).toEqual([
      [fixture('example-2022.json'), true],
      ['-', true],
    ]);
    const alone = piped(['check', '-'], typo, { NIANBAO_SERVER: 'http://127.0.0.1:9', NIANBAO_TOKEN: 'x' });
    expect(alone.stdout).toContain('予以公开');
    expect(alone.stderr).not.toContain('无法连接');
    // nothing piped in: said as an empty input, not as a file not found
    const empty = piped(['check', '--json', '-'], '');
    expect(empty.code).toBe(2);
    expect(JSON.parse(empty.stdout).files[0]).toMatchObject({ file: '-', ok: false, code: 'EMPTY_FILE' });
  });

  it('import - writes the JSON with -o, or to standard output without it', () => {
    const dir = tempDir();
    const text = readFileSync(fixture('seed-2020.txt'));
    expect(nianbao(['import', fixture('seed-2020.txt'), '-o', join(dir, 'file.json')]).code).toBe(0);
    const expected = readFileSync(join(dir, 'file.json'), 'utf8');
    const r = piped(['import', '-', '-o', join(dir, 'stdin.json')], text);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'stdin.json'), 'utf8')).toBe(expected);
    const out = piped(['import', '-'], text);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toBe(expected);
    expect(out.stderr).toContain('→ 标准输出');
    const json = piped(['import', '-', '--json', '-o', join(dir, 'j.json')], text);
    expect(JSON.parse(json.stdout)).toMatchObject({ file: '-', output: join(dir, 'j.json'), exitCode: 0 });
    // --json without -o: stdout is for the JSON result, refused before anything is read
    const refused = piped(['import', '-', '--json'], text);
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stdout).error.code).toBe('USAGE');
  });
});

describe('commands printed to be pasted quote their paths', () => {
  it("the notice of a report with errors names it for the shell: nianbao check '…/江南 中.json'", () => {
    const dir = join(tempDir(), '报告 目录');
    mkdirSync(dir);
    const file = join(dir, '江南 中.json');
    writeFileSync(file, readFileSync(fixture('typo-2022.json')));
    const r = nianbao(['render', file, '--format', 'md']);
    expect(r.stderr).toContain(`前请用 nianbao check '${file}' 查看`);
    const pasted = spawnSync(
      'sh',
      ['-c', `printf '%s\\0' ${r.stderr.split('nianbao check ')[1]!.split(' 查看')[0]}`],
      {
        encoding: 'utf8',
      },
    );
    expect(pasted.stdout).toBe(`${file}\0`);
  });
});
