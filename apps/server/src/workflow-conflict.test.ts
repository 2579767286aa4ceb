// A workflow step (or a draft's deletion) sent with a version that is no longer current carries no
// content: its conflict says the step was not taken and nothing was changed — not 「本次内容未保存」
// as a save's does.
import { exampleReport, type Report, setCell } from '@nianbao/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_LABEL, failure, makeWorld, type World } from './test-support/harness.js';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});
afterAll(async () => w?.cleanup());

/** The example report of that agency and year, with `n` natural persons' new applications. */
const fill = (r: Report, n = 40): Report => {
  const e = exampleReport({ year: r.meta.year, agency: r.meta.agency });
  return setCell(
    { ...e, meta: { ...e.meta, agency: r.meta.agency } },
    'applications.newReceived.naturalPerson',
    n,
  );
};

describe(`a stale workflow step (${DB_LABEL})`, () => {
  it('submit, approve and delete with an old expectedVersion: not taken, said as the step, nothing changed', async () => {
    const c = await w.as.fillerA1.reports.create.mutate({ agencyId: w.ids.agencyA1, year: 2024 });
    await w.as.fillerA1.reports.save.mutate({ id: c.id, expectedVersion: 1, report: fill(c.report) });

    const submit = await failure(w.as.fillerA1.reports.submit.mutate({ id: c.id, expectedVersion: 1 }));
    expect(submit).toMatchObject({
      code: 'CONFLICT',
      appCode: 'VERSION_CONFLICT',
      details: { currentVersion: 2, expectedVersion: 1, action: 'submit', status: 'draft' },
    });
    expect(submit.zhMessage).toBe(
      '报告在您查看之后已保存为第 2 版（您看到的是第 1 版），未提交审核，报告内容也未作任何改动：请重新载入第 2 版，确认其内容后再提交审核。',
    );
    expect(submit.zhMessage).not.toContain('本次内容未保存');

    const del = await failure(w.as.fillerA1.reports.delete.mutate({ id: c.id, expectedVersion: 1 }));
    expect(del.appCode).toBe('VERSION_CONFLICT');
    expect(del.details).toMatchObject({ action: 'delete' });
    expect(del.zhMessage).toContain('未删除草稿，报告内容也未作任何改动');
    expect(del.zhMessage).not.toContain('本次内容未保存');
    expect((await w.as.fillerA1.reports.get.query({ id: c.id })).status).toBe('draft');

    // Submitted at 2, returned, saved again as 3 and submitted: an approval of what was read at 2 is refused.
    await w.as.fillerA1.reports.submit.mutate({ id: c.id, expectedVersion: 2 });
    await w.as.reviewerA.reports.return.mutate({ id: c.id, expectedVersion: 2, comment: '请补充' });
    await w.as.fillerA1.reports.save.mutate({ id: c.id, expectedVersion: 2, report: fill(c.report, 41) });
    await w.as.fillerA1.reports.submit.mutate({ id: c.id, expectedVersion: 3 });
    const approve = await failure(w.as.reviewerA.reports.approve.mutate({ id: c.id, expectedVersion: 2 }));
    expect(approve.details).toMatchObject({ currentVersion: 3, expectedVersion: 2, action: 'approve' });
    expect(approve.zhMessage).toContain('未审核通过，报告内容也未作任何改动');
    expect(approve.zhMessage).toContain('请重新载入第 3 版，确认其内容后再审核通过');
    expect((await w.as.reviewerA.reports.get.query({ id: c.id })).status).toBe('submitted');

    // A version that does not exist yet names the version seen, not one being edited.
    const ahead = await failure(w.as.reviewerA.reports.approve.mutate({ id: c.id, expectedVersion: 9 }));
    expect(ahead.zhMessage).toBe(
      '该报告还没有第 9 版（当前为第 3 版）：expectedVersion 应为您看到的版本号。',
    );
  });

  it('a stale save still says its content was not saved', async () => {
    const c = await w.as.fillerA2.reports.create.mutate({ agencyId: w.ids.agencyA2, year: 2024 });
    await w.as.fillerA2.reports.save.mutate({ id: c.id, expectedVersion: 1, report: fill(c.report) });
    const f = await failure(
      w.as.fillerA2.reports.save.mutate({ id: c.id, expectedVersion: 1, report: fill(c.report, 42) }),
    );
    expect(f.zhMessage).toContain('本次内容未保存');
    expect(f.details.action).toBeUndefined();
  });
});
