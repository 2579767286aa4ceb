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
