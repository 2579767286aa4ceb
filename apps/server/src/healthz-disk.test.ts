// /healthz and the SQLite file's disk: a full disk refuses every save (DISK_FULL) while reading goes
// on, so the answer stays 200 and says the disk is low for whoever monitors it.
import { describe, expect, it } from 'vitest';
import { DB_LABEL, makeWorld } from './test-support/harness.js';

type Health = { ok: boolean; disk?: { freeBytes: number; low: boolean; message?: string } };

describe(`/healthz says the disk (${DB_LABEL})`, () => {
  it.runIf(DB_LABEL === 'SQLite')('room to spare: free bytes, not low', async () => {
    const w = await makeWorld();
    try {
      const h = await w.app.request('/healthz');
      expect(h.status).toBe(200);
      const body = (await h.json()) as Health;
      expect(body.ok).toBe(true);
      expect(body.disk?.freeBytes).toBeGreaterThan(0);
      expect(body.disk?.low).toBe(false);
      expect(body.disk?.message).toBeUndefined();
    } finally {
      await w.cleanup();
    }
  });

  it.runIf(DB_LABEL === 'SQLite')(
    'under the limit: still 200 (reading goes on), low, said in 简体中文',
    async () => {
      const w = await makeWorld({ lowDiskBytes: Number.MAX_SAFE_INTEGER });
      try {
        const h = await w.app.request('/healthz');
        expect(h.status).toBe(200);
        const body = (await h.json()) as Health;
        expect(body).toMatchObject({ ok: true, disk: { low: true } });
        expect(body.disk?.message).toMatch(/^数据所在磁盘只剩 .+：空间用尽后无法保存，请尽快清理或扩容$/);
      } finally {
        await w.cleanup();
      }
    },
  );

  it.runIf(DB_LABEL === 'PostgreSQL')('PostgreSQL: no disk said (not this machine’s)', async () => {
    const w = await makeWorld({ lowDiskBytes: Number.MAX_SAFE_INTEGER });
    try {
      const body = (await (await w.app.request('/healthz')).json()) as Health;
      expect(body.ok).toBe(true);
      expect(body.disk).toBeUndefined();
    } finally {
      await w.cleanup();
    }
  });
});
