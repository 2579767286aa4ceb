import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The command tests spawn the real `nianbao`: build dist/ first when it is missing or older than the
 * sources (tsc native takes about a second). A fresh dist/ is left alone, so that another suite
 * running the binary at the same time (test/tui) never sees half-written files.
 */
export default function setup(): void {
  const dir = join(import.meta.dirname, '..');
  const cli = join(dir, 'dist', 'cli.js');
  const built = existsSync(cli) ? statSync(cli).mtimeMs : 0;
  const newest = (readdirSync(join(dir, 'src'), { recursive: true }) as string[])
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    .reduce(
      (m, f) => Math.max(m, statSync(join(dir, 'src', f)).mtimeMs),
      statSync(join(dir, 'package.json')).mtimeMs,
    );
  if (built >= newest) return;
  const tsc = join(dir, '..', '..', 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: dir, stdio: 'inherit' });
  execFileSync(process.execPath, ['scripts/chmod.mjs'], { cwd: dir });
}
