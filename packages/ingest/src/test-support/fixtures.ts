import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const FIXTURES = join(here, '..', '..', 'fixtures');
/** The shared fixtures of the workspace (absent on machines without /work/shared). */
export const SHARED = join(here, '..', '..', '..', '..', '..', 'shared', 'fixtures');
export const hasShared = existsSync(SHARED);

export function fixtureBytes(rel: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, rel)));
}

export function fixtureText(rel: string): string {
  return readFileSync(join(FIXTURES, rel), 'utf8');
}

export const SEED = 'seed/000_235ea5f4c50e8f7e.txt';
