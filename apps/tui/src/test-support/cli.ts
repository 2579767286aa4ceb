import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

export const APP_DIR = join(import.meta.dirname, '..', '..');
export const CLI = join(APP_DIR, 'dist', 'cli.js');
export const FIXTURES = join(APP_DIR, 'fixtures');
export const fixture = (name: string) => join(FIXTURES, name);

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run the real `nianbao` binary (piped: no TTY). */
export function nianbao(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? APP_DIR,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', NIANBAO_SERVER: '', NIANBAO_TOKEN: '', ...options.env },
    // generous: a PDF import on a CI machine running every suite at once took over 30 s
    timeout: 110_000,
  });
  // killed by the timeout: said as such, not as a missing output file further on
  if (r.error || r.signal)
    throw new Error(`nianbao ${args.join(' ')}: ${r.error?.message ?? `killed by ${r.signal}`}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const tempDir = () => mkdtempSync(join(tmpdir(), 'nianbao-test-'));

/** The same, asynchronously (for tests that run several at once). */
export function nianbaoAsync(args: readonly string[], options: { cwd?: string } = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      {
        cwd: options.cwd ?? APP_DIR,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', NIANBAO_SERVER: '', NIANBAO_TOKEN: '' },
      },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The entries of a zip file (DOCX, XLSX) by name, inflated: read through the central directory. */
export function unzip(bytes: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const skip = nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, start + size);
    out.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    at += 46 + skip;
  }
  return out;
}
