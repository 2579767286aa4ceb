import { basename, join, resolve } from 'node:path';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

/**
 * One vitest setup for every package. When NIANBAO_REPORT_DIR is set (CI), each package also
 * writes vitest's JSON report there, so `.ci/run` can total passed/failed over every suite.
 */
export function sharedConfig(dir: string, extra: ViteUserConfig['test'] = {}): ViteUserConfig {
  const reportDir = process.env.NIANBAO_REPORT_DIR;
  const name = basename(resolve(dir));
  return defineConfig({
    test: {
      include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
      // CI runs every package's suite at once on 2 cores: a property test that takes 1 s alone
      // can take 10 s there. Timeouts catch hangs, not slowness (speed goals live in benchmarks).
      testTimeout: 30_000,
      ...(reportDir
        ? {
            reporters: ['default', 'json'],
            outputFile: { json: join(reportDir, `${name}${process.env.NIANBAO_REPORT_SUFFIX ?? ''}.json`) },
          }
        : {}),
      ...extra,
    },
  });
}
