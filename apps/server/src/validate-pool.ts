import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type Finding, keyFindings, type Report, type ValidateOptions, validate } from '@nianbao/core';

/** A finding as the server answers it: core's, with its stable key. */
export type KeyedFinding = Finding & { readonly key: string };

/**
 * core's validate (with keyFindings) on a thread of its own, so that the event loop, which parses
 * requests, reads the database and answers, is not held by the rules of one report while other
 * requests wait: a validate request then costs the event loop the copying of the report to the
 * thread and of the findings back (about a third of validating it there), and the rules run on
 * another core. On a machine of one core, or with NIANBAO_VALIDATE_THREAD=off, the rules run in the
 * event loop as before. The answer is the same either way: anything the thread cannot answer (an
 * error, the thread gone) is validated again in the event loop, so a request never fails for it.
 *
 * The previous year's report (the same object while its version is current: store's cache) is sent
 * to the thread once and named by a number after that.
 */
class ValidateThread {
  #worker: Worker | undefined;
  #pending = new Map<number, { resolve: (f: KeyedFinding[] | undefined) => void }>();
  #seq = 0;
  /** Numbers of the previous-year reports, by object (a new object, a new number). */
  #ids = new WeakMap<object, number>();
  #nextId = 0;
  /** What the thread holds, in the order it holds it (the same LRU on both sides, in message order). */
  #held = new Map<number, true>();
  #failures = 0;
  /** Answers from the thread, validations redone in the event loop, previous-year reports copied over. */
  readonly stats = { answered: 0, redone: 0, previousSent: 0 };

  static readonly HELD = 64;
  static readonly MAX_FAILURES = 3;

  get usable(): boolean {
    return this.#failures < ValidateThread.MAX_FAILURES;
  }

  #start(): Worker | undefined {
    let core: string;
    try {
      core = import.meta.resolve('@nianbao/core');
    } catch {
      this.#failures = ValidateThread.MAX_FAILURES;
      return undefined;
    }
    // Evaluated as a script (the server's own files may be TypeScript under a test runner): core
    // imported by its resolved URL.
    const code = `
const { parentPort } = require('node:worker_threads');
const held = new Map();
const ready = import(${JSON.stringify(core)});
parentPort.on('message', async (m) => {
  const core = await ready;
  let previous;
  if (m.previousId !== undefined) {
    previous = m.previous !== undefined ? m.previous : held.get(m.previousId);
    if (previous !== undefined) {
      held.delete(m.previousId);
      held.set(m.previousId, previous);
      if (held.size > ${ValidateThread.HELD}) held.delete(held.keys().next().value);
    }
  }
  try {
    const options = previous === undefined ? m.options : { ...m.options, previous };
    if (m.previousId !== undefined && previous === undefined) throw new Error('previous not held');
    parentPort.postMessage({ id: m.id, findings: core.keyFindings(core.validate(m.report, options)) });
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: String(e && e.message || e) });
  }
});`;
    const w = new Worker(code, { eval: true, name: 'nianbao-validate' });
    w.unref();
    w.on('message', (m: { id: number; findings?: KeyedFinding[]; error?: string }) => {
      const p = this.#pending.get(m.id);
      if (!p) return;
      this.#pending.delete(m.id);
      if (this.#pending.size === 0) w.unref();
      if (m.error === undefined) this.stats.answered++;
      p.resolve(m.error === undefined ? m.findings : undefined);
    });
    const gone = () => {
      if (this.#worker !== w) return;
      this.#worker = undefined;
      this.#held.clear();
      this.#failures++;
      // every request waiting on it is validated in the event loop instead
      for (const p of this.#pending.values()) p.resolve(undefined);
      this.#pending.clear();
    };
    w.on('error', gone);
    w.on('exit', gone);
    return w;
  }

  /** Findings from the thread, or undefined when it cannot answer (the caller validates itself). */
  run(report: Report, options: ValidateOptions): Promise<KeyedFinding[] | undefined> {
    this.#worker ??= this.#start();
    const w = this.#worker;
    if (!w) return Promise.resolve(undefined);
    const { previous, ...rest } = options;
    const message: Record<string, unknown> = { id: ++this.#seq, report, options: rest };
    if (previous !== undefined) {
      let pid = this.#ids.get(previous);
      if (pid === undefined) {
        pid = ++this.#nextId;
        this.#ids.set(previous, pid);
      }
      message.previousId = pid;
      if (this.#held.has(pid)) {
        this.#held.delete(pid);
        this.#held.set(pid, true);
      } else {
        message.previous = previous;
        this.stats.previousSent++;
        this.#held.set(pid, true);
        if (this.#held.size > ValidateThread.HELD) this.#held.delete(this.#held.keys().next().value!);
      }
    }
    return new Promise((resolve) => {
      this.#pending.set(message.id as number, { resolve });
      w.ref();
      try {
        w.postMessage(message);
      } catch {
        // not to be copied (never so for a parsed report): validated in the event loop
        this.#pending.delete(message.id as number);
        if (this.#pending.size === 0) w.unref();
        this.#held.clear();
        void w.terminate();
        resolve(undefined);
      }
    });
  }

  /** For tests: end the thread (as if it died); the next call starts another. */
  async stop(): Promise<void> {
    await this.#worker?.terminate();
  }
}

const thread = new ValidateThread();

/**
 * NIANBAO_VALIDATE_THREAD: off (0, false, no) keeps the rules in the event loop, on (1, true, yes)
 * uses the thread; unset: a thread when the machine has more than one core. (The server's start
 * refuses any other value; read here, it is the default.)
 */
export function validateThreadEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = (env.NIANBAO_VALIDATE_THREAD ?? '').trim().toLowerCase();
  if (['0', 'off', 'false', 'no'].includes(v)) return false;
  if (['1', 'on', 'true', 'yes'].includes(v)) return true;
  return availableParallelism() > 1;
}

let enabled = validateThreadEnabled();

/**
 * The server's start: the setting as it read it; unset (undefined), a thread when the machine has
 * more CPUs than server `processes` (WORKERS) — with a process on every CPU already, a thread each
 * would only take turns with them (measured: 2 processes on 2 CPUs, 1,465 validations/s without
 * threads, 849 with).
 */
export function setValidateThread(on: boolean | undefined, processes = 1): void {
  enabled = on ?? availableParallelism() > processes;
}

/** core's keyFindings(validate(report, options)), on the validation thread when there is one. */
export async function validateKeyed(report: Report, options: ValidateOptions = {}): Promise<KeyedFinding[]> {
  if (enabled && thread.usable) {
    const found = await thread.run(report, options);
    if (found) return found;
    thread.stats.redone++;
  }
  return keyFindings(validate(report, options));
}

/** For tests and the console: what the validation thread did. */
export const validateThreadStats = (): Readonly<ValidateThread['stats']> & { usable: boolean } => ({
  ...thread.stats,
  usable: enabled && thread.usable,
});

/** For tests: the thread ended as if it had died. */
export const stopValidateThread = () => thread.stop();
