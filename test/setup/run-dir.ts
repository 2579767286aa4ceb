import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A directory for the whole run, shared by the test files (web/support keeps the seeded data there). */
    e2eRunDir: string;
  }
}

/** One directory for the run, removed at its end. Nothing is made in it here: creating it costs nothing. */
export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-e2e-run-'));
  project.provide('e2eRunDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
