#!/usr/bin/env node
/**
 * `nianbao`: the command line and, without arguments, the terminal UI. Only the help texts are
 * imported up front; every command is imported when it runs, so `nianbao --version` starts fast.
 */
import { readFileSync } from 'node:fs';
import { HELP, MAIN_HELP } from './help.js';
import { CliError, EXIT_UNUSABLE, jsonError, oneLine, UsageError } from './lib/errors.js';

type Runner = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, () => Promise<{ run: Runner }>> = {
  check: () => import('./commands/check.js'),
  import: () => import('./commands/import.js'),
  render: () => import('./commands/render.js'),
  summary: () => import('./commands/summary.js'),
  compare: () => import('./commands/compare.js'),
  new: () => import('./commands/new.js'),
  edit: () => import('./commands/edit.js'),
  rules: () => import('./commands/rules.js'),
  list: () => import('./commands/list.js').then((m) => ({ run: m.list })),
  pull: () => import('./commands/remote.js').then((m) => ({ run: m.pull })),
  push: () => import('./commands/remote.js').then((m) => ({ run: m.push })),
};

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/**
 * The commands closest to a mistyped one (at most 2 edits, fewer than its letters), nearest first.
 * core is loaded only here: `nianbao --version` and the help stay quick.
 */
async function closest(typed: string, names: readonly string[]): Promise<string[]> {
  const { editDistance } = await import('@nianbao/core');
  const t = typed.toLowerCase();
  const scored = names.map((n) => ({ n, d: editDistance(t, n) })).filter((x) => x.d <= 2 && x.d < t.length);
  const best = Math.min(...scored.map((x) => x.d));
  return scored.filter((x) => x.d === best).map((x) => x.n);
}

async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) return (await COMMANDS.edit!()).run([]);
  if (first === '--version' || first === '-v' || first === 'version') {
    process.stdout.write(`nianbao ${version()}\n`);
    return 0;
  }
  if (first === '--help' || first === '-h') {
    process.stdout.write(`${MAIN_HELP}\n`);
    return 0;
  }
  if (first === 'help') {
    const topic = rest[0];
    // a topic that is no command (`help chek`) is a usage error, as `nianbao chek` is — not the main help, exit 0
    if (topic && !HELP[topic] && !['help', 'version', '--help', '-h'].includes(topic)) {
      const near = await closest(topic, Object.keys(HELP));
      throw new UsageError(
        `没有这个命令的帮助：${topic}${near.length ? `；是不是 ${near.join(' 或 ')}？` : ''}（查看 nianbao --help）`,
        'UNKNOWN_COMMAND',
      );
    }
    process.stdout.write(`${topic && HELP[topic] ? HELP[topic] : MAIN_HELP}\n`);
    return 0;
  }
  const load = COMMANDS[first];
  if (!load) {
    if (first.startsWith('-'))
      throw new UsageError(`未知的选项：${first}（查看 nianbao --help）`, 'UNKNOWN_OPTION');
    const near = await closest(first, [...Object.keys(COMMANDS), 'help', 'version']);
    throw new UsageError(
      `未知的命令：${first}${near.length ? `；是不是 ${near.join(' 或 ')}？` : ''}（查看 nianbao --help）`,
      'UNKNOWN_COMMAND',
    );
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${HELP[first] ?? MAIN_HELP}\n`);
    return 0;
  }
  return (await load()).run(rest);
}

// A reader that went away (`nianbao check DIR | head`) is not an error of ours: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    const code = e instanceof CliError ? e.exitCode : EXIT_UNUSABLE;
    process.stderr.write(`nianbao：${oneLine(e)}\n`);
    // Asked for JSON: stdout is JSON whatever happened (a usage error, a file not found) — asked
    // wrongly too (`--json=true`, refused as a usage error: the script reading stdout still gets JSON).
    const args = process.argv.slice(2);
    const end = args.indexOf('--');
    if ((end < 0 ? args : args.slice(0, end)).some((a) => a === '--json' || a.startsWith('--json=')))
      process.stdout.write(`${JSON.stringify(jsonError(e), null, 2)}\n`);
    if (process.env.NIANBAO_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    process.exitCode = code;
  },
);
