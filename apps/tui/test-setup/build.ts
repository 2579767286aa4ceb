import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** The command tests spawn the real `nianbao`: build dist/ first (tsc native takes about a second). */
export default function setup(): void {
  const dir = join(import.meta.dirname, '..');
  execFileSync(
    process.execPath,
    [join(dir, '..', '..', 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: dir,
      stdio: 'inherit',
    },
  );
  execFileSync(process.execPath, ['scripts/chmod.mjs'], { cwd: dir });
}
