import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** A tmux server of its own (private socket) running one session: send keys, read the screen. */
export class Tmux {
  private readonly socket = `nianbao-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  readonly session = 'e2e';

  static available(): boolean {
    return spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0;
  }

  private tmux(args: readonly string[]): string {
    const r = spawnSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${r.stderr.trim()}`);
    return r.stdout;
  }

  /** Start `command` (run by sh) in a detached session of width×height. */
  start(command: string, options: { width: number; height: number; cwd: string }): void {
    this.tmux([
      'new-session',
      '-d',
      '-s',
      this.session,
      '-x',
      String(options.width),
      '-y',
      String(options.height),
      '-c',
      options.cwd,
      command,
    ]);
    this.tmux(['set-option', '-t', this.session, 'remain-on-exit', 'on']);
  }

  /** tmux key names (Enter, Tab, Down …) or single characters. */
  send(...keys: string[]): void {
    for (const k of keys) this.tmux(['send-keys', '-t', this.session, k]);
  }

  /** Several keys in one send-keys call: they reach the program as one read, as fast typing does. */
  burst(...keys: string[]): void {
    this.tmux(['send-keys', '-t', this.session, ...keys]);
  }

  /** Text typed literally. */
  type(text: string): void {
    this.tmux(['send-keys', '-t', this.session, '-l', text]);
  }

  resize(width: number, height: number): void {
    this.tmux(['resize-window', '-t', this.session, '-x', String(width), '-y', String(height)]);
  }

  screen(): string {
    return this.tmux(['capture-pane', '-p', '-t', this.session]);
  }

  /** Poll the screen until `want` holds; on timeout fail showing the last screen. */
  async waitFor(want: string | RegExp | ((screen: string) => boolean), timeoutMs = 15_000): Promise<string> {
    const test =
      typeof want === 'function'
        ? want
        : (s: string) => (typeof want === 'string' ? s.includes(want) : want.test(s));
    const until = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < until) {
      last = this.screen();
      if (test(last)) return last;
      await new Promise((r) => setTimeout(r, 40));
    }
    throw new Error(`等待屏幕内容超时：${String(want)}\n---- 屏幕 ----\n${last}`);
  }

  /** Whether the program in the pane has exited. */
  exited(): boolean {
    return this.tmux(['display-message', '-p', '-t', this.session, '#{pane_dead}']).trim() === '1';
  }

  /**
   * The exit status of the program in the pane once it has exited (null before). tmux 3.3 at times
   * leaves the exited process unreaped (a zombie) and the status unknown to it; the kernel has it
   * then, as the last field of /proc/PID/stat (waitpid's form: the status is its high byte).
   */
  exitStatus(): number | null {
    const [dead, status, pid] = this.tmux([
      'display-message',
      '-p',
      '-t',
      this.session,
      '#{pane_dead}|#{pane_dead_status}|#{pane_pid}',
    ])
      .trim()
      .split('|');
    if (dead !== '1') return null;
    if (status) return Number(status);
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').trim().split(' ');
      const code = Number(stat.at(-1));
      return (code & 0x7f) === 0 ? code >> 8 : null;
    } catch {
      return null;
    }
  }

  /** Whether the pane's terminal is in raw mode (no line editing): the program reads key by key. */
  raw(): boolean {
    const tty = this.tmux(['display-message', '-p', '-t', this.session, '#{pane_tty}']).trim();
    const r = spawnSync('stty', ['-F', tty, '-a'], { encoding: 'utf8' });
    return r.status === 0 && /(^|\s)-icanon(\s|$)/.test(r.stdout);
  }

  kill(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-server']);
  }
}
