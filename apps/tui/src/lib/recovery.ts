import { existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, relative } from 'node:path';
import type { Report } from '@nianbao/core';
import { reportJson, writeFileAtomic } from './io.js';

/**
 * Unsaved edits kept when the editor is ended by a signal (SIGHUP when an SSH connection drops,
 * SIGTERM): the report as it stood is written beside the file it is saved to, as a hidden JSON
 * (`.jiaoyu.nianbao-unsaved.json` — hidden, so a folder's check and roll-up do not count it as a
 * second report), and the next `nianbao edit` of that file says where it is.
 */
export function recoveryPathFor(savePath: string): string {
  const ext = extname(savePath);
  return join(dirname(savePath), `.${basename(savePath, ext)}.nianbao-unsaved.json`);
}

let current: { path: string; report: Report } | null = null;
let written: string | undefined;

/** What the editor holds now: the report with unsaved changes and where it is saved, or null. */
export function trackUnsaved(path: string, report: Report | null): void {
  current = report ? { path, report } : null;
}

/** Write the unsaved report beside its file (else into the temporary folder); where, or undefined. */
export function writeRecovery(): string | undefined {
  if (!current) return undefined;
  const text = reportJson(current.report);
  // once: a signal and then the exit write the same edits
  if (written === text) return undefined;
  written = text;
  for (const target of [
    recoveryPathFor(current.path),
    join(tmpdir(), basename(recoveryPathFor(current.path)).replace(/^\./, '')),
  ]) {
    try {
      // whole or not at all: a kill in the middle of the write never leaves half a report (which the
      // next start would offer back), nor cuts short the copy an earlier signal wrote
      writeFileAtomic(target, text);
      return target;
    } catch {
      // a folder gone or not writable: the next place
    }
  }
  return undefined;
}

/**
 * On SIGHUP, SIGTERM and SIGINT: the unsaved edits written (writeRecovery), then `exit` with the
 * signal's code (129, 143, 130). SIGINT here is a `kill -INT` from outside (a script, a process
 * manager stopping its children): Ctrl-C in the editor is a key, read by the UI in raw mode, not a
 * signal. Returns a function that removes the handlers.
 */
export function installRecovery(exit: (code: number) => void, before?: () => void): () => void {
  const on = (code: number) => () => {
    try {
      writeRecovery();
    } finally {
      try {
        before?.();
      } catch {
        // the terminal may be gone (SIGHUP): nothing to restore on it
      }
      exit(code);
    }
  };
  const hup = on(129);
  const term = on(143);
  const int = on(130);
  // Any other end with edits unsaved (the terminal gone before the signal is handled — a write to
  // it fails first —, a crash): written too. Quitting (q, Ctrl-C) clears them first, so nothing is.
  const atExit = () => {
    try {
      writeRecovery();
    } catch {
      // nothing more can be done on the way out
    }
  };
  process.on('SIGHUP', hup);
  process.on('SIGTERM', term);
  process.on('SIGINT', int);
  process.prependListener('exit', atExit);
  return () => {
    process.off('SIGHUP', hup);
    process.off('SIGTERM', term);
    process.off('SIGINT', int);
    process.off('exit', atExit);
  };
}

/** The notice at the start when a recovery file lies beside the file opened (简体中文), or undefined. */
export function recoveryNotice(savePath: string): string | undefined {
  const p = recoveryPathFor(savePath);
  if (!existsSync(p)) return undefined;
  const when = statSync(p).mtime;
  const at = when.toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' });
  const rel = relative(process.cwd(), p) || p;
  return `发现上次意外退出时未保存的修改（${at}）：${rel}。要找回请退出后 nianbao edit ${rel}，按 W 另存为原文件名；不需要时删除该文件`;
}
