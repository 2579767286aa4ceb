import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasChromium, login, logout, PASSWORD, shot, withBrowser } from './support.js';

/** A county set up on its first day without demo data (the 管理员 only). */
const FIRST_DAY = { NIANBAO_SEED: 'off', NIANBAO_ADMIN_PASSWORD: PASSWORD };
const VIEW = { width: 1366, height: 768 };

describe.runIf(hasChromium)('管理 page: a county set up on its first day', () => {
  it('agencies and users pasted from Excel: previewed (refusals and near-duplicates named), created, the new accounts listed once with their passwords', async () => {
    await withBrowser(
      async ({ page, server }) => {
        await login(page, server.url, 'admin');
        await page.click('a:has-text("管理")');
        await page.waitForSelector('.admin-page');
        await page.fill('input[name=new-agency-name]', '某某县人民政府');
        await page.click('button:has-text("新建机关")');
        await page.waitForSelector('.agency-tree li[data-agency="某某县人民政府"]');
        // 批量新建机关: a column pasted under the county.
        await page.click('summary:has-text("批量新建机关")');
        await page.selectOption('select[name=bulk-agency-parent]', { label: '某某县人民政府' });
        await page.fill(
          'textarea[name=bulk-agency-names]',
          [
            '某某县财政局',
            '某某县司法局',
            '某某县教育局',
            '某某县 教育局',
            '某某县财政局',
            '某某县公安局 某某县民政局 某某县审计局',
            '某某县/统计局',
          ].join('\r\n'),
        );
        await page.click('details.bulk button:has-text("检查")');
        const preview = (name: string) => page.locator(`tr[data-bulk-agency="${name}"]`);
        expect(await preview('某某县 教育局').textContent()).toContain('与第 3 行的“某某县教育局”几乎相同');
        expect(await preview('某某县公安局 某某县民政局 某某县审计局').textContent()).toContain(
          '像是 3 个机关连成了一个名称',
        );
        expect(await preview('某某县/统计局').textContent()).toContain('不新建');
        expect(await page.locator('tr[data-bulk-agency="某某县财政局"]').nth(1).textContent()).toContain(
          '与第 1 行重复',
        );
        await shot(page, 'admin-01-bulk-agencies-preview');
        // Nothing created before the admin says so; the warned rows only when ticked.
        expect(await page.locator('.agency-tree li').count()).toBe(1);
        await page.click('button:has-text("新建 3 个机关")');
        await expect.poll(() => page.locator('.agency-tree li').count()).toBe(4);
        expect(await page.locator('.agency-tree li[data-agency="某某县 教育局"]').count()).toBe(0);
        expect(await page.locator('.agency-tree li[data-agency="某某县财政局"]').textContent()).toContain(
          '政府部门 · 县级',
        );
        // Every new agency still lacks a 填报人.
        expect(await page.locator('.agency-tree .badge:has-text("无填报人")').count()).toBe(4);

        // 批量新建用户: a header row, good rows, a taken name, an unknown agency, a repeat.
        await page.click('summary:has-text("批量新建用户")');
        await page.fill(
          'textarea[name=bulk-users]',
          [
            '用户名\t姓名\t角色\t所属机关',
            'caizheng\t张三\t填报人\t某某县财政局',
            'sifa\t李四\t填报人\t某某县 司法局',
            'xianfu\t王五\t审核人\t某某县人民政府',
            'ADMIN\t赵六\t管理员\t',
            'gongan\t钱七\t填报人\t某某县公安局',
            'Caizheng\t孙八\t填报人\t某某县教育局',
          ].join('\n'),
        );
        await page.click('details.bulk:has(textarea[name=bulk-users]) button:has-text("检查")');
        const urow = (u: string) => page.locator(`tr[data-bulk-user="${u}"]`);
        expect(await urow('ADMIN').textContent()).toContain('用户名已被使用');
        expect(await urow('gongan').textContent()).toContain('没有名为“某某县公安局”的机关');
        expect(await urow('Caizheng').textContent()).toContain('与第 2 行的用户名重复');
        expect(await urow('sifa').textContent()).toContain('按“某某县司法局”处理');
        await urow('sifa').locator('input[type=checkbox]').check();
        await shot(page, 'admin-02-bulk-users-preview');
        await page.click('button:has-text("新建 3 个用户")');
        const sheet = page.locator('[data-testid=accounts-sheet]');
        await sheet.waitFor();
        expect(await sheet.locator('tr[data-account]').count()).toBe(3);
        expect(await sheet.locator('tr[data-account=sifa]').textContent()).toContain('某某县司法局');
        const sifaPassword = (await sheet.locator('tr[data-account=sifa] code.password').textContent())!;
        expect(sifaPassword).toMatch(/^[a-zA-Z2-9]{4}-[a-zA-Z2-9]{4}-[a-zA-Z2-9]{4}$/);
        await sheet.scrollIntoViewIfNeeded();
        await shot(page, 'admin-03-accounts-sheet');
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          sheet.locator('button:has-text("下载")').click(),
        ]);
        const csv = readFileSync((await download.path())!, 'utf8');
        expect(csv).toContain(`sifa,李四,填报人,某某县司法局,${sifaPassword}`);
        expect(await page.locator('table.users tr[data-user]').count()).toBe(4);
        expect(await page.locator('.agency-tree .badge:has-text("无填报人")').count()).toBe(2);
        // Printed (打印 marks the page so), the sheet alone is on paper.
        await page.evaluate(() => document.body.classList.add('print-accounts'));
        await page.emulateMedia({ media: 'print' });
        expect(await page.locator('.agency-tree').isVisible()).toBe(false);
        expect(await page.locator('table.bulk-preview').first().isVisible()).toBe(false);
        expect(await sheet.locator('tr[data-account=sifa]').isVisible()).toBe(true);
        expect(await sheet.locator('button:has-text("打印")').isVisible()).toBe(false);
        await page.emulateMedia({ media: 'screen' });
        await page.evaluate(() => document.body.classList.remove('print-accounts'));
        // Leaving by a link of the app asks, as closing the tab does; 取消 stays with the list.
        const asked: string[] = [];
        page.once('dialog', (d) => {
          asked.push(d.message());
          void d.dismiss();
        });
        await page.click('.app-header a:has-text("账号")');
        await expect.poll(() => asked.length).toBe(1);
        expect(asked[0]).toContain('初始密码只显示这一次');
        // the page puts its address back once the dialog is answered: after the handler above has run
        await expect.poll(() => page.url()).toContain('#/admin');
        expect(await sheet.count()).toBe(1);
        // The browser's Back asks the same; 取消 stays with the list, on the same address.
        page.once('dialog', (d) => {
          asked.push(d.message());
          void d.dismiss();
        });
        await page.goBack();
        await expect.poll(() => asked.length).toBe(2);
        expect(asked[1]).toContain('初始密码只显示这一次');
        await expect.poll(() => page.url()).toContain('#/admin');
        expect(await sheet.locator('tr[data-account]').count()).toBe(3);
        // The sheet is gone once closed (asked first).
        page.once('dialog', (d) => void d.accept());
        await sheet.locator('button:has-text("关闭清单")').click();
        await expect.poll(() => sheet.count()).toBe(0);

        // Filters: the tree and the users.
        await page.fill('input[name=agency-filter]', '司法');
        await expect.poll(() => page.locator('.agency-tree li').count()).toBe(2);
        expect(await page.locator('.agency-tree li.context').getAttribute('data-agency')).toBe(
          '某某县人民政府',
        );
        await page.fill('input[name=agency-filter]', '');
        await page.check('input[name=agency-without-filler]');
        await expect.poll(() => page.locator('.agency-tree li:not(.context)').count()).toBe(2);
        await page.uncheck('input[name=agency-without-filler]');
        await page.fill('input[name=user-filter]', '财政');
        await expect.poll(() => page.locator('table.users tr[data-user]').count()).toBe(1);
        await page.fill('input[name=user-filter]', '');
        await page.selectOption('select[name=user-group]', 'role');
        expect(await page.locator('table.users tr.group-row').allTextContents()).toEqual([
          '填报人（2）',
          '审核人（1）',
          '管理员（1）',
        ]);

        // The new user logs in with the listed password, and must first choose their own: nothing
        // else of the app is shown until then.
        await logout(page);
        await page.fill('input[name=username]', 'sifa');
        await page.fill('input[name=password]', sifaPassword);
        await page.click('button[type=submit]');
        const gate = page.locator('[data-testid=first-password]');
        await gate.waitFor();
        expect(await gate.textContent()).toContain('管理员为您设置的初始密码');
        expect(await page.locator('.app-header').count()).toBe(0);
        await shot(page, 'admin-first-password');
        await page.fill('input[name=current-password]', sifaPassword);
        await page.fill('input[name=new-password]', 'sifa-own-pass-7');
        await page.fill('input[name=new-password-again]', 'sifa-own-pass-7');
        await page.click('button:has-text("设置密码并进入系统")');
        await page.waitForSelector('.app-header');
        expect(await page.locator('[data-testid=first-password]').count()).toBe(0);
      },
      { env: FIRST_DAY, viewport: VIEW },
    );
  }, 120_000);

  it('one user at a time: the agency is chosen anew and named; 停用 asks first and names the account; an error shows beside its row; generated passwords are shown', async () => {
    await withBrowser(
      async ({ page, server }) => {
        await login(page, server.url, 'admin');
        await page.click('a:has-text("管理")');
        await page.waitForSelector('.admin-page');
        await page.fill('input[name=new-agency-name]', '某某县人民政府');
        await page.click('button:has-text("新建机关")');
        await page.waitForSelector('.agency-tree li[data-agency="某某县人民政府"]');
        await page.click('summary:has-text("批量新建机关")');
        await page.selectOption('select[name=bulk-agency-parent]', { label: '某某县人民政府' });
        await page.fill('textarea[name=bulk-agency-names]', '某某县财政局\n某某县司法局');
        await page.click('details.bulk button:has-text("检查")');
        await page.click('button:has-text("新建 2 个机关")');
        await expect.poll(() => page.locator('.agency-tree li').count()).toBe(3);
        // A near-duplicate typed by hand is warned of before creating.
        await page.fill('input[name=new-agency-name]', '某某县 财政局');
        expect(await page.locator('[data-testid=agency-name-warnings]').textContent()).toContain(
          '与已有的“某某县财政局”几乎相同',
        );
        expect(await page.locator('form button[type=submit]:has-text("仍然新建机关")').count()).toBe(1);
        await page.fill('input[name=new-agency-name]', '');

        // 新建用户: a generated password, shown; the agency named in the message, then cleared.
        await page.fill('input[name=new-user-username]', 'caizheng');
        await page.fill('input[name=new-user-display-name]', '财政局 填报员');
        await page.click('label[for=new-user-password] button:has-text("生成")');
        const pw = page.locator('input[name=new-user-password]');
        expect(await pw.getAttribute('type')).toBe('text');
        expect(await pw.inputValue()).toMatch(/^[a-zA-Z2-9]{4}-[a-zA-Z2-9]{4}-[a-zA-Z2-9]{4}$/);
        const generated = await pw.inputValue();
        await page.click('label[for=new-user-password] button:has-text("隐藏")');
        expect(await pw.getAttribute('type')).toBe('password');
        await page.selectOption('select[name=new-user-agency]', { label: '　某某县财政局' });
        await page.click('button:has-text("新建用户")');
        await page.waitForSelector('text=已新建用户 caizheng（填报人，某某县财政局）');
        // the generated password is shown once with it (before: the field was cleared and it was lost)
        await page.waitForSelector(`text=初始密码：${generated}（只显示这一次）`);
        expect(await page.locator('select[name=new-user-agency]').inputValue()).toBe('');
        // The next user cannot be created before an agency is chosen for them.
        await page.fill('input[name=new-user-username]', 'sifa');
        await page.fill('input[name=new-user-display-name]', '司法局 填报员');
        await page.fill('input[name=new-user-password]', 'sifa-initial-9');
        expect(await page.locator('button:has-text("新建用户")').isDisabled()).toBe(true);
        await page.selectOption('select[name=new-user-agency]', { label: '　某某县司法局' });
        await page.click('button:has-text("新建用户")');
        await page.waitForSelector('text=已新建用户 sifa（填报人，某某县司法局）');

        // 删除 an agency with a user: the refusal is in that agency's row.
        const cz = page.locator('.agency-tree li[data-agency="某某县财政局"]');
        page.once('dialog', (d) => void d.accept());
        await cz.locator('button:has-text("删除")').click();
        await expect.poll(() => cz.locator('.error-text').textContent()).toContain('有 1 个用户，不能删除');

        // 停用: asked first, the account named; 取消 leaves it; the only active 管理员 cannot be disabled
        // (the admin's own row has no 停用 at all).
        const row = page.locator('table.users tr[data-user=sifa]');
        await row.locator('button:has-text("停用")').click();
        const confirm = row.locator('[role=alertdialog]');
        expect(await confirm.textContent()).toContain('停用 sifa（司法局 填报员，填报人，某某县司法局）？');
        await shot(page, 'admin-04-disable-confirm');
        await confirm.locator('button:has-text("取消")').click();
        expect(await row.textContent()).toContain('正常');
        await row.locator('button:has-text("停用")').click();
        await row.locator('button:has-text("确认停用 sifa")').click();
        await expect.poll(() => row.textContent()).toContain('已停用');
        expect(await page.locator('table.users tr[data-user=admin] button:has-text("停用")').count()).toBe(0);
        await page.selectOption('select[name=user-status]', 'disabled');
        await expect.poll(() => page.locator('table.users tr[data-user]').count()).toBe(1);

        // 重设密码: generated and shown.
        await page.selectOption('select[name=user-status]', 'all');
        const c = page.locator('table.users tr[data-user=caizheng]');
        await c.locator('button:has-text("重设密码")').click();
        await c.locator('button:has-text("生成")').click();
        expect(await c.locator('input[name=reset-password]').getAttribute('type')).toBe('text');
        await c.locator('button:has-text("重设")').first().click();
        await expect.poll(() => c.textContent()).toContain('已重设 caizheng 的密码');
      },
      { env: FIRST_DAY, viewport: VIEW },
    );
  }, 120_000);

  it('rule options in Chinese, 跨年 only for cross-year rules, a refusal told in the rule’s row; the login page says whom to ask', async () => {
    await withBrowser(
      async ({ page, server }) => {
        await page.goto(server.url);
        expect(await page.locator('[data-testid=forgot-password]').textContent()).toContain(
          '忘记密码请联系本单位管理员',
        );
        await login(page, server.url, 'admin');
        await page.click('a:has-text("管理")');
        await page.waitForSelector('table.rules');
        const labels = await page.locator('table.rules .rule-options label').allTextContents();
        expect(labels.length).toBeGreaterThan(5);
        for (const l of labels) expect(l).not.toMatch(/[A-Za-z]{3}/);
        const options = (id: string) => page.locator(`select[name="rule-${id}"] option`).allTextContents();
        expect(await options('T3-W1')).not.toContain('跨年');
        expect(await options('X6')).toContain('跨年');
        await page.fill('input[name="rule-T3-W1-maxRatio"]', '-5');
        await page.click('button:has-text("保存规则配置")');
        const t3 = page.locator('tr[data-rule="T3-W1"]');
        await expect.poll(() => t3.locator('.error-text').textContent()).toContain('应大于 0、不大于 1');
        expect(await t3.locator('.error-text').textContent()).not.toContain('maxRatio');
        await t3.scrollIntoViewIfNeeded();
        await shot(page, 'admin-05-rules-error');
      },
      { env: FIRST_DAY, viewport: VIEW },
    );
  }, 120_000);
});

describe.runIf(hasChromium)('管理 page: two admins editing the rules', () => {
  it('a save over another one’s is refused, says who saved, keeps the edits on screen and offers to reload', async () => {
    await withBrowser(
      async ({ page, context, server }) => {
        await login(page, server.url, 'admin');
        await page.click('a:has-text("管理")');
        await page.waitForSelector('table.rules');
        const other = await context.newPage();
        await other.goto(`${server.url}/#/admin`);
        await other.waitForSelector('table.rules');
        // The other window saves first…
        await other.fill('input[name="rule-T3-W1-maxRatio"]', '0.4');
        await other.click('button:has-text("保存规则配置")');
        await other.waitForSelector('text=规则配置已保存');
        // …this one, still showing the version it loaded, is refused and told by whom.
        await page.fill('input[name="rule-T3-W1-maxRatio"]', '0.3');
        await page.selectOption('select[name=rule-N5]', 'off');
        await page.click('button:has-text("保存规则配置")');
        const box = page.locator('[data-testid=rules-conflict]');
        await expect.poll(() => box.textContent()).toContain('规则配置已被');
        expect(await box.textContent()).toContain('您的修改未保存');
        expect(await page.locator('input[name="rule-T3-W1-maxRatio"]').inputValue()).toBe('0.3');
        expect(await page.locator('select[name=rule-N5]').inputValue()).toBe('off');
        expect(await page.locator('button:has-text("保存规则配置")').isDisabled()).toBe(true);
        await box.scrollIntoViewIfNeeded();
        await shot(page, 'admin-06-rules-conflict');
        await box.locator('button:has-text("重新载入最新配置")').click();
        await expect.poll(() => page.locator('input[name="rule-T3-W1-maxRatio"]').inputValue()).toBe('0.4');
        expect(await page.locator('select[name=rule-N5]').inputValue()).toBe('default');
        // Saved again from the version now on screen, it goes through.
        await page.selectOption('select[name=rule-N5]', 'off');
        await page.click('button:has-text("保存规则配置")');
        await page.waitForSelector('text=规则配置已保存');
        await expect.poll(() => page.locator('[data-testid=rules-stamp]').textContent()).toContain('第 2 版');
      },
      { env: FIRST_DAY, viewport: VIEW },
    );
  }, 120_000);
});
