import { useQueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { useState } from 'react';
import type { Me } from '../App';
import { bytesToBase64 } from '../lib/download';
import { href, navigate } from '../router';
import { errorMessage, useTRPC, useTRPCClient } from '../trpc';
import { importKey } from './ReportPage';

type Kind = 'text' | 'html' | 'pdf' | 'docx';

function kindOf(name: string): Kind {
  const n = name.toLowerCase();
  if (n.endsWith('.pdf')) return 'pdf';
  if (n.endsWith('.docx')) return 'docx';
  if (n.endsWith('.html') || n.endsWith('.htm')) return 'html';
  return 'text';
}

/** Import a published report (upload or pasted text): it becomes a draft; then every cell's source is shown. */
export function ImportPage({ me }: { me: Me }) {
  const client = useTRPCClient();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [year, setYear] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [existing, setExisting] = useState<{ id: string; version: number; status: string } | null>(null);

  const run = async (expectedVersion?: number) => {
    if (!me.agency) return;
    setBusy(true);
    setError(null);
    try {
      let kind: Kind = 'text';
      let content = text;
      let encoding: 'utf8' | 'base64' = 'utf8';
      let fileName: string | undefined;
      if (file) {
        kind = kindOf(file.name);
        fileName = file.name;
        if (kind === 'pdf' || kind === 'docx') {
          content = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
          encoding = 'base64';
        } else content = await file.text();
      } else if (/^\s*</.test(text)) kind = 'html';
      if (!content.trim()) throw new Error('请粘贴报告全文或选择文件');
      const y = Number(year);
      const res = await client.import.upload.mutate({
        agencyId: me.agency.id,
        kind,
        content,
        encoding,
        ...(fileName ? { fileName } : {}),
        ...(year && Number.isInteger(y) ? { year: y } : {}),
        ...(expectedVersion ? { expectedVersion } : {}),
      });
      sessionStorage.setItem(importKey(res.reportId), JSON.stringify(res.diagnostics));
      await queryClient.invalidateQueries({ queryKey: trpc.reports.pathKey() });
      navigate(href.report(res.reportId));
    } catch (e) {
      setError(errorMessage(e));
      const details =
        e instanceof TRPCClientError
          ? (e.data as { appCode?: string; details?: { reportId?: string } })
          : null;
      if (details?.appCode === 'REPORT_EXISTS' && details.details?.reportId) {
        const r = await client.reports.get.query({ id: details.details.reportId }).catch(() => null);
        if (r) setExisting({ id: r.id, version: r.version, status: r.statusLabel });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page">
      <h1>导入已发布的报告</h1>
      <p className="muted">
        支持纯文本（含从 PDF 复制的文字）、网页（HTML）、PDF 和
        Word（DOCX）。导入后保存为草稿，并逐格显示每个数字的来源和导入时所做的修复，核对改正后保存即可。
      </p>
      <section className="card">
        <label className="block">
          粘贴报告全文
          <textarea
            name="import-text"
            rows={12}
            value={text}
            disabled={!!file}
            onChange={(e) => setText(e.target.value)}
            placeholder="将已发布报告的全文粘贴到这里……"
          />
        </label>
        <div className="row gap wrap">
          <label>
            或上传文件{' '}
            <input
              type="file"
              name="import-file"
              accept=".txt,.html,.htm,.pdf,.docx,text/plain,text/html,application/pdf"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </label>
          <label>
            报告年度（可不填，自动识别）{' '}
            <input
              name="import-year"
              value={year}
              onChange={(e) => setYear(e.target.value.replace(/\D/g, ''))}
              size={6}
            />
          </label>
          <button type="button" className="primary" disabled={busy} onClick={() => void run()}>
            {busy ? '正在导入…' : '导入'}
          </button>
        </div>
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        {existing && (
          <p>
            该年度已有报告（{existing.status}，第 {existing.version} 版）。
            <a href={href.report(existing.id)}>打开该报告</a>
            {' 或 '}
            <button type="button" disabled={busy} onClick={() => void run(existing.version)}>
              导入为该报告的新版本
            </button>
          </p>
        )}
      </section>
    </div>
  );
}
