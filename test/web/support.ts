import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, inject } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../chromium.mjs';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CHROMIUM = CHROMIUM_PATH;
export const hasChromium = existsSync(CHROMIUM);
export const ARTIFACTS = join(import.meta.dirname, 'artifacts');
const MAIN = join(ROOT, 'apps', 'server', 'dist', 'main.js');
const WEB = join(ROOT, 'apps', 'web', 'dist', 'index.html');
export const PASSWORD = 'nianbao-e2e-1';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  readonly url: string;
  readonly log: () => string;
  stop(): Promise<void>;
}

/**
 * The real built server (seeded demo data unless `extraEnv` says otherwise) on a free port with a
 * fresh data directory. The demo data is seeded once per run (by the real server, on its first
 * start) and its database copied for each server: the same data as a first start's, without the
 * seeding's ~1.7 s of CPU per test.
 */
export async function startServer(extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  if (!existsSync(MAIN))
    throw new Error(`缺少 ${MAIN}：请先构建（npx turbo run build --filter=@nianbao/e2e...）`);
  if (!existsSync(WEB)) throw new Error(`缺少 ${WEB}：请先构建网页端（npm run build -w @nianbao/web）`);
  const dataDir = mkdtempSync(join(tmpdir(), 'nianbao-web-e2e-'));
  if (Object.keys(extraEnv).length === 0) {
    try {
      const seeded = await seededData();
      cpSync(seeded, dataDir, { recursive: true, filter: (f) => !f.endsWith('-shm') });
    } catch (e) {
      rmSync(dataDir, { recursive: true, force: true });
      throw e;
    }
  }
  return serverOn(dataDir, extraEnv);
}

/** A directory holding the demo data as the server's first start seeds it (made once per run). */
async function seededData(): Promise<string> {
  const runDir = inject('e2eRunDir');
  const dir = join(runDir, 'seeded');
  if (existsSync(join(dir, 'nianbao.sqlite'))) return dir;
  const fresh = mkdtempSync(join(runDir, 'seeding-'));
  const first = await serverOn(fresh, {}, { keepData: true });
  await first.stop();
  // another test file may have made it meanwhile: theirs is kept (same data), ours removed
  try {
    renameSync(fresh, dir);
  } catch {
    rmSync(fresh, { recursive: true, force: true });
  }
  if (!existsSync(join(dir, 'nianbao.sqlite'))) throw new Error(`示例数据未写入 ${dir}`);
  return dir;
}

/** The server on `dataDir` (removed when it stops, unless `keepData`). */
async function serverOn(
  dataDir: string,
  extraEnv: Record<string, string>,
  options: { keepData?: boolean } = {},
): Promise<RunningServer> {
  const port = await freePort();
  let out = '';
  const child: ChildProcess = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      NIANBAO_DEMO_PASSWORD: PASSWORD,
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (out += String(d)));
  child.stderr?.on('data', (d) => (out += String(d)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    }
    if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok && /年报服务已启动/.test(out)) return { url, log: () => out, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`服务未能启动：\n${out}`);
}

/**
 * One browser test's setting: a fresh server (with `env`) and Chromium (at `viewport`); a failure
 * carries the server's log, and both end whatever happens.
 */
export async function withBrowser<T>(
  fn: (x: {
    server: RunningServer;
    page: Page;
    context: BrowserContext;
    browser: Awaited<ReturnType<typeof launch>>;
  }) => Promise<T>,
  options: { viewport?: { width: number; height: number }; env?: Record<string, string> } = {},
): Promise<T> {
  const server = await startServer(options.env);
  let browser: Awaited<ReturnType<typeof launch>> | undefined;
  try {
    browser = await launch(options.viewport);
    return await fn({ server, page: browser.page, context: browser.context, browser });
  } catch (e) {
    throw new Error(`${e instanceof Error ? e.stack : String(e)}\n--- 服务日志 ---\n${server.log()}`);
  } finally {
    await browser?.close();
    await server.stop();
  }
}

/**
 * Chromium for this test file: launched once (about 2 s of CPU each time), closed after the file's
 * tests. Each test gets a context of its own (launch below).
 */
let sharedBrowser: Promise<Browser> | undefined;
afterAll(async () => {
  const browser = sharedBrowser;
  sharedBrowser = undefined;
  await (await browser?.catch(() => undefined))?.close();
});

/**
 * A fresh browser context (its own cookies, storage and cache: as a fresh profile) of this file's
 * Chromium, with one page.
 */
export async function launch(viewport = { width: 1280, height: 800 }): Promise<{
  context: BrowserContext;
  page: Page;
  close: () => Promise<void>;
}> {
  sharedBrowser ??= chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS] });
  let browser = await sharedBrowser;
  if (!browser.isConnected()) {
    // it crashed or was closed: a new one for the tests after
    sharedBrowser = chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS] });
    browser = await sharedBrowser;
  }
  const context = await browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return {
    context,
    page,
    close: async () => {
      await context.close();
      if (errors.length) throw new Error(`页面脚本错误：${errors.join('；')}`);
    },
  };
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

export async function login(page: Page, url: string, username: string): Promise<void> {
  await page.goto(url);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('.app-header');
}

export async function logout(page: Page): Promise<void> {
  await page.click('button:has-text("退出登录")');
  await page.waitForSelector('input[name=username]');
}

/** Paste text at a cell the way a browser does after Ctrl+V from Excel (a paste event with text/plain). */
export async function pasteAt(page: Page, cell: string, text: string): Promise<void> {
  const input = page.locator(`input[name="${cell}"]`);
  await input.focus();
  await input.evaluate((el, t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

export async function waitSaved(page: Page): Promise<void> {
  await page.waitForFunction(
    // 「已保存…」, not 「…修改已保存在本机，恢复连接后自动保存」 (a save the network lost).
    () => /^已保存/.test(document.querySelector('[data-testid=save-state]')?.textContent?.trim() ?? ''),
    undefined,
    { timeout: 15_000 },
  );
}

/** A cell's text in the form. */
export const cellValue = (page: Page, id: string) => page.locator(`input[name="${id}"]`).inputValue();

/** What the save indicator says. */
export const saveStateText = (page: Page) => page.locator('[data-testid=save-state]').textContent();

/** The report as the server holds it now (the page's own session). */
export async function serverReport(page: Page): Promise<{
  version: number;
  status: string;
  report: {
    cells: Record<string, { value: number | null; unit?: string }>;
    sections: Record<string, string>;
  };
}> {
  const id = page.url().split('/').pop()!;
  return page.evaluate(async (id) => {
    const res = await fetch(
      `/trpc/reports.get?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { id } }))}`,
      { cache: 'no-store' },
    );
    return (await res.json())[0].result.data;
  }, id);
}
