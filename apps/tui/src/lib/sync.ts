import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from './io.js';

/** Where pulled reports remember their server, id and version: `.nianbao-sync.json` beside them. */
export interface SyncEntry {
  server: string;
  id: string;
  version: number;
  /** SHA-256 of the file as pulled or pushed: a file that no longer has it has local changes. */
  sha256?: string;
  /**
   * What the next push says in the version's note, kept since the last push: the reasons of the
   * totals changed by hand in the editor (「改写…：43→50，理由：…」, the web form's words). The
   * report file has no place for them; `nianbao push` sends them and clears them.
   */
  notes?: string[];
}

export const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
export const SYNC = '.nianbao-sync.json';

export function readSync(dir: string): Record<string, SyncEntry> {
  try {
    return JSON.parse(readFileSync(join(dir, SYNC), 'utf8')) as Record<string, SyncEntry>;
  } catch {
    return {};
  }
}

export function writeSync(file: string, entry: SyncEntry): void {
  const dir = dirname(file);
  const all = readSync(dir);
  all[basename(file)] = entry;
  writeFileAtomic(join(dir, SYNC), `${JSON.stringify(all, null, 2)}\n`);
}

/**
 * Keep `notes` for the next push of `file` (appended to its entry in `.nianbao-sync.json`). False —
 * nothing written — when the file has no entry there (never pulled): no entry is made up for it.
 */
export function addSyncNotes(file: string, notes: readonly string[]): boolean {
  const entry = readSync(dirname(file))[basename(file)];
  if (!entry || typeof entry !== 'object') return false;
  if (!notes.length) return true;
  const kept = Array.isArray(entry.notes) ? entry.notes.filter((n) => typeof n === 'string') : [];
  writeSync(file, { ...entry, notes: [...kept, ...notes] });
  return true;
}

/** The server's longest version note (reports.save's 说明): the web form cuts its note to it too. */
export const NOTE_MAX = 500;

/**
 * The note of a push: the user's `--note` first, then the reasons kept for the file, joined with
 * 「；」 and cut to the server's 500 characters as the web form does (never inside a character).
 * Without kept reasons, the user's note as given.
 */
export function pushNote(own: string | undefined, kept: readonly string[]): string | undefined {
  if (!kept.length) return own;
  const all = [own?.trim(), ...kept].filter((n): n is string => !!n).join('；');
  let cut = all.slice(0, NOTE_MAX);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut;
}
