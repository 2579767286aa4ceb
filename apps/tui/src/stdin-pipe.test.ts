import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { APP_DIR, CLI, fixture } from './test-support/cli.js';

/**
 * Standard input a shell pipe (`|`, not node's socket pair) whose writer writes only after a while,
 * as in `nianbao import - < report.txt | nianbao check -` (the import takes a moment).
 */
function late(command: string, file: string, ...args: string[]) {
  const r = spawnSync(
    'sh',
    ['-c', `(sleep 2; cat "$1") | ${command}`, 'sh', file, process.execPath, CLI, ...args],
    {
      cwd: APP_DIR,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', NIANBAO_SERVER: '', NIANBAO_TOKEN: '' },
      timeout: 110_000,
    },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('standard input filled late by a slower command', () => {
  it('readStdin after process.stdin was touched (fd 0 then non-blocking): waits for the pipe', () => {
    // process.stdin made non-blocking, as anything asking process.stdin.isTTY does: a read before the
    // first byte gave EAGAIN, taken for an empty input — 「-：文件是空的（0 字节）」
    const io = pathToFileURL(join(APP_DIR, 'dist', 'lib', 'io.js')).href;
    const script = `process.stdin.isTTY; const { readStdin } = await import(${JSON.stringify(io)}); process.stdout.write(String(readStdin().length));`;
    const file = fixture('example-2022.json');
    const r = late('"$2" --input-type=module -e "$4"', file, script);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(String(readFileSync(file).length));
  });

  it('check - and import -: the report, not 「文件是空的」', () => {
    const check = late('"$2" "$3" check --json -', fixture('example-2022.json'));
    expect(check.stderr).not.toContain('文件是空的');
    expect(check.code).toBeLessThan(2);
    expect(JSON.parse(check.stdout).files[0].agency).toBeTruthy();
    const imported = late('"$2" "$3" import -', fixture('seed-2020.txt'));
    expect(imported.stderr).not.toContain('文件是空的');
    expect(JSON.parse(imported.stdout).meta.year).toBe(2020);
  });

  it('an empty pipe is still said as empty (exit 2)', () => {
    const r = spawnSync('sh', ['-c', `: | "$1" "$2" check -`, 'sh', process.execPath, CLI], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('文件是空的');
  });
});
