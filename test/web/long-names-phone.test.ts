import { describe, expect, it } from 'vitest';
import { hasChromium, login, PASSWORD, shot, withBrowser } from './support.js';

if (!hasChromium) console.warn('跳过长机关名手机端测试：没有 /usr/bin/chromium');

const LONG = '示例县人民政府国有资产监督管理委员会办公室综合行政执法与信息公开协调服务中心管理处';

async function adminCall(url: string, path: string, input: unknown, mutation: boolean): Promise<unknown> {
  const login = await fetch(`${url}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const r = mutation
    ? await fetch(`${url}/trpc/${path}`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      })
    : await fetch(`${url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, {
        headers: { cookie },
      });
  const j = (await r.json()) as { result?: { data: unknown }; error?: unknown };
  if (j.error) throw new Error(`${path}: ${JSON.stringify(j.error).slice(0, 300)}`);
  return j.result!.data;
}

describe.skipIf(!hasChromium)('a long agency name on a phone (390 px)', () => {
  it('本地区报告: the 范围 choice with it stays within the screen, the page does not scroll sideways', async () => {
    await withBrowser(
      async ({ server, page }) => {
        // deep in the tree (indented in 范围): under the county's government
        type Node = { id: string; name: string; children: Node[] };
        const all = (ns: Node[]): Node[] => ns.flatMap((n) => [n, ...all(n.children)]);
        const tree = (await adminCall(server.url, 'agencies.tree', undefined, false)) as Node[];
        const county = all(tree).find((n) => n.name === '示例县人民政府')!;
        await adminCall(server.url, 'agencies.create', { parentId: county.id, name: LONG }, true);
        await login(page, server.url, 'shenhe');
        await page.waitForSelector('.region-table tbody tr');
        await page.waitForSelector(`select[name=region-node] option:has-text("${LONG}")`, {
          state: 'attached',
        });
        const m = await page.evaluate(() => ({
          overflow: document.documentElement.scrollWidth - window.innerWidth,
          select: document.querySelector('select[name=region-node]')!.getBoundingClientRect().right,
          vw: window.innerWidth,
        }));
        await shot(page, 'long-name-region-390');
        expect(m.overflow).toBeLessThanOrEqual(0);
        expect(m.select).toBeLessThanOrEqual(m.vw);
      },
      { viewport: { width: 390, height: 844 } },
    );
  });
});
