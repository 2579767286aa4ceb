import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, str } from '../lib/args.js';
import { openForEditing } from '../lib/beside.js';
import { colorEnabled } from '../lib/color.js';
import { CliError } from '../lib/errors.js';
import { expandInputs, loadReport } from '../lib/io.js';

/** `nianbao` without arguments and `nianbao edit FILE|DIR`: the terminal UI. */
export async function run(argv: string[]): Promise<number> {
  const p = parse(argv, { previous: { type: 'string' } }, 'edit');
  if (p.positionals.length > 1) throw new CliError('一次只能打开一份报告或一个文件夹');
  if (!process.stdin.isTTY || !process.stdout.isTTY)
    throw new CliError(
      '终端界面需要在交互式终端中运行（当前输入或输出不是终端）；在脚本或管道中请使用 nianbao check、summary 等命令',
    );
  const target = p.positionals[0] ?? '.';
  let isDir: boolean;
  try {
    isDir = statSync(target).isDirectory();
  } catch {
    throw new CliError(`找不到文件或文件夹：${target}`);
  }
  // Raw mode before the report is loaded (a PDF takes seconds), and what is typed meanwhile kept:
  // in the terminal's line mode Enter became \n, Backspace and Ctrl-U edited the typed line and the
  // keys were echoed; and typed-ahead keys read later as one chunk looked like a pasted block
  // (「l7\r3\r」 pasted 3 into the row below). They are given to the editor as keys, in order.
  const stdin = process.stdin;
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  let typedAhead = '';
  let onOwnScreen = false;
  const collect = (chunk: string) => {
    // Ctrl-C while the report is read (a PDF takes seconds) quits at once, as it would in the
    // terminal's line mode: nothing is open yet, so nothing is lost.
    if (chunk.includes('\x03')) {
      stdin.setRawMode(false);
      // (the editor's screen may be up already, keys not yet taken: leave it, or the words are lost)
      if (onOwnScreen) process.stdout.write('\x1b[?1049l\x1b[?25h');
      process.stderr.write('nianbao：已取消（报告未打开，未做任何更改）\n');
      process.exit(130);
    }
    typedAhead += chunk;
  };
  // (the folder view is left to read them itself, as before: a chunk of its keys is keys)
  if (!isDir) stdin.on('data', collect);
  const stopCollecting = () => stdin.removeListener('data', collect);
  let previous: Awaited<ReturnType<typeof loadReport>>['report'] | undefined;
  let start:
    | { readonly kind: 'folder'; readonly dir: string; readonly files: string[] }
    | ({ readonly kind: 'edit' } & Awaited<ReturnType<typeof openForEditing>>);
  try {
    const prevFile = str(p, 'previous');
    previous = prevFile ? (await loadReport(prevFile)).report : undefined;
    start = isDir
      ? { kind: 'folder', dir: resolve(target), files: expandInputs([resolve(target)], { maxDepth: 2 }) }
      : { kind: 'edit', ...(await openForEditing(target)) };
  } catch (e) {
    stopCollecting();
    stdin.pause();
    stdin.unref();
    stdin.setRawMode(false);
    throw e;
  }
  // Ink draws only the last frame when it believes it runs in CI (CI=true); this is an interactive
  // terminal (checked above), so it must draw as usual.
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  const [{ render }, { createElement }, { App }, { ErrorBoundary }] = await Promise.all([
    import('ink'),
    import('react'),
    import('../tui/App.js'),
    import('../tui/ErrorBoundary.js'),
  ]);
  const crash = { message: null as string | null };
  // A screen of its own (the alternate screen), restored on exit.
  process.stdout.write('\x1b[?1049h\x1b[H\x1b[2J');
  onOwnScreen = true;
  const restore = () => {
    try {
      if (process.stdin.isTTY) process.stdin.setRawMode(false);
      process.stdout.write('\x1b[?1049l\x1b[?25h');
    } catch {
      // the terminal is gone (an SSH connection dropped): nothing to restore on it
    }
  };
  process.on('exit', restore);
  // An SSH connection that drops (SIGHUP) or a kill (SIGTERM): the unsaved edits are written beside
  // the report (lib/recovery.ts) before the process ends; the next start says where.
  const { installRecovery } = await import('../lib/recovery.js');
  installRecovery((code) => process.exit(code), restore);
  // The editor takes what was typed once it listens (keys typed between the first frame and then
  // are collected too).
  const takeTypedAhead = () => {
    stopCollecting();
    const text = typedAhead;
    typedAhead = '';
    return text;
  };
  const app = render(
    createElement(
      ErrorBoundary,
      {
        onError: (message: string) => {
          crash.message = message;
          setImmediate(() => app.unmount());
        },
      },
      createElement(App, {
        start,
        color: colorEnabled(process.stdout),
        ...(previous ? { previous } : {}),
        ...(start.kind === 'edit' ? { takeTypedAhead } : {}),
      }),
    ),
    {
      // Ctrl-C is the UI's own: in the editor with unsaved changes it asks first (as q does).
      exitOnCtrlC: false,
      patchConsole: false,
    },
  );
  await app.waitUntilExit();
  if (crash.message) throw new CliError(`终端界面出错：${crash.message}`);
  return 0;
}
