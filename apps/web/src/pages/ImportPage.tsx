import type { CellId, Report } from '@nianbao/core';
import { useQueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { useState } from 'react';
import type { Me } from '../App';
import { ImportSources } from '../editor/ImportSources';
import { bytesToBase64 } from '../lib/download';
import { href, navigate } from '../router';
import { errorMessage, type RouterInputs, type RouterOutputs, useTRPC, useTRPCClient } from '../trpc';
import { JUST_IMPORTED_KEY } from './ReportPage';

type Kind = 'text' | 'html' | 'pdf' | 'docx' | 'xlsx';

function kindOf(name: string): Kind {
  const n = name.toLowerCase();
  if (n.endsWith('.pdf')) return 'pdf';
  if (n.endsWith('.docx')) return 'docx';
  if (n.endsWith('.xlsx') || n.endsWith('.xlsm')) return 'xlsx';
  if (n.endsWith('.html') || n.endsWith('.htm')) return 'html';
  return 'text';
}

type Source = Omit<RouterInputs['import']['preview'], 'agencyId'>;
type Preview = RouterOutputs['import']['preview'];

/**
 * Import a published report (upload or pasted text) in two steps: `import.preview` reads it without
 * saving — every cell's source and every repair or doubt is shown and any value can be corrected —
 * then `import.upload` with the corrected report saves it as a draft (the diagnostics are kept with
 * that version on the server).
 */
export function ImportPage({ me }: { me: Me }) {
  const client = useTRPCClient();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [year, setYear] = useState('');
  const yearDigits = (t: string) =>
    t.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\D/g, '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [existing, setExisting] = useState<{ id: string; version: number; status: string } | null>(null);
  // 保存为该报告的新版本 of what that report's current version already holds: nothing was stored.
  const [unchanged, setUnchanged] = useState<{ id: string; version: number } | null>(null);
  const [preview, setPreview] = useState<{ source: Source; result: Preview } | null>(null);
  const [edits, setEdits] = useState<ReadonlyMap<CellId, number | null>>(new Map());

  const readSource = async (): Promise<Source> => {
    let kind: Kind = 'text';
    let content = text;
    let encoding: 'utf8' | 'base64' = 'utf8';
    let fileName: string | undefined;
    if (file && file.size === 0)
      throw new Error(`所选文件“${file.name}”是空的（0 字节）：请确认选对了文件，或重新下载后再导入`);
    if (file) {
      kind = kindOf(file.name);
      fileName = file.name;
      // Every file as its bytes: the server's importer tells UTF-8 from GB18030 (file.text() would
      // read a GBK page as UTF-8 and garble it).
      content = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
      encoding = 'base64';
    } else if (/^\s*</.test(text)) kind = 'html';
    if (!content.trim()) throw new Error('请粘贴报告全文或选择文件');
    const y = Number(year);
    return {
      kind,
      content,
      encoding,
      ...(fileName ? { fileName } : {}),
      ...(year && Number.isInteger(y) ? { year: y } : {}),
    };
  };

  /** Step 1: read the upload, nothing saved. */
  const runPreview = async () => {
    if (!me.agency) {
      // nothing happened, nothing said: an account of no agency (a 管理员) has no report to import into
      setError('您的账号不属于任何机关，没有可导入的报告：请以该机关的填报人账号导入。');
      return;
    }
    setBusy(true);
    setError(null);
    setExisting(null);
    try {
      const source = await readSource();
      const result = await client.import.preview.mutate({ agencyId: me.agency.id, ...source });
      setEdits(new Map());
      setPreview({ source, result });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const corrected = (): Report | null => {
    if (!preview) return null;
    const r = preview.result.report;
    if (!edits.size) return r;
    const cells = { ...r.cells };
    for (const [id, value] of edits) {
      const c = cells[id];
      if (c) cells[id] = { ...c, value };
    }
    return { ...r, cells };
  };

  /** Step 2: save the (corrected) report as a draft, or as a new version of the year's report. */
  const save = async (expectedVersion?: number) => {
    if (!me.agency || !preview) return;
    setBusy(true);
    setError(null);
    setUnchanged(null);
    try {
      const report = corrected()!;
      const res = await client.import.upload.mutate({
        agencyId: me.agency.id,
        ...preview.source,
        ...(expectedVersion ? { expectedVersion } : {}),
        ...(edits.size
          ? {
              note: `导入并核对改正 ${edits.size} 个数值${preview.source.fileName ? `：${preview.source.fileName}` : ''}`,
            }
          : {}),
        report,
      });
      await queryClient.invalidateQueries({ queryKey: trpc.reports.pathKey() });
      if (res.unchanged) {
        // The server stored nothing (`unchanged`): said here, not as a new version opened in the form.
        setExisting(null);
        setUnchanged({ id: res.reportId, version: res.version });
        return;
      }
      try {
        sessionStorage.setItem(JUST_IMPORTED_KEY, res.reportId);
      } catch {
        // private mode: the editor opens on the tables, 导入来源 is one click away
      }
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

  if (preview) {
    const { result } = preview;
    const changed = edits.size;
    return (
      <div className="page">
        <h1>核对导入结果</h1>
        <p className="notice warn" data-testid="preview-unsaved">
          尚未保存：{result.report.meta.agency.name} {result.year} 年度（按
          {result.edition === '2019-trial' ? '2019 年试行格式' : '2021 年格式'}
          ）。请核对每个数字的来源和导入时的修复与存疑之处，改正后保存为草稿。
        </p>
        {result.diagnostics.issues
          .filter((i) => i.code === 'AGENCY_DIFFERS')
          .map((i) => (
            <p key={i.code} className="notice error" role="alert" data-testid="agency-differs">
              {i.message}
            </p>
          ))}
        <div className="row gap wrap no-print">
          <button type="button" className="primary" disabled={busy} onClick={() => void save()}>
            {busy ? '正在保存…' : changed ? `保存为草稿（已改正 ${changed} 个数值）` : '保存为草稿'}
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => {
              setPreview(null);
              setExisting(null);
              setUnchanged(null);
              setError(null);
            }}
          >
            放弃，重新选择
          </button>
        </div>
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        {unchanged && (
          <p className="notice" role="status" data-testid="import-unchanged">
            导入的内容与该报告当前的第 {unchanged.version} 版完全相同，未新建版本。{' '}
            <a href={href.report(unchanged.id)}>打开该报告</a>
          </p>
        )}
        {existing && (
          <p>
            该年度已有报告（{existing.status}，第 {existing.version} 版）。
            <a href={href.report(existing.id)}>打开该报告</a>
            {' 或 '}
            <button
              type="button"
              disabled={busy}
              onClick={() => {
                // Every number and text of that report is replaced: asked first, the more so when
                // the document is another agency's (AGENCY_DIFFERS above).
                const other = result.diagnostics.issues.some((i) => i.code === 'AGENCY_DIFFERS');
                if (
                  window.confirm(
                    `${other ? '导入的文件是另一个机关的报告。' : ''}用导入的内容替换该报告（${existing.status}，第 ${existing.version} 版）的${
                      // an Excel workbook brings the numbers only: the report's text is kept (TEXT_KEPT)
                      result.diagnostics.issues.some((i) => i.code === 'TEXT_KEPT')
                        ? '全部数字（正文沿用该报告的）'
                        : '全部数字和正文'
                    }？原有内容仍保留在“历史版本”中，可以恢复。`,
                  )
                )
                  void save(existing.version);
              }}
            >
              保存为该报告的新版本
            </button>
          </p>
        )}
        <ImportSources
          diag={result.diagnostics}
          edits={{
            edition: result.report.meta.edition,
            value: (id) => (edits.has(id) ? edits.get(id)! : (result.report.cells[id]?.value ?? null)),
            onChange: (id, value) =>
              setEdits((m) => {
                const next = new Map(m);
                if (value === (result.report.cells[id]?.value ?? null)) next.delete(id);
                else next.set(id, value);
                return next;
              }),
          }}
        />
      </div>
    );
  }

  return (
    <div className="page">
      <h1>导入已发布的报告</h1>
      <p className="muted">
        支持纯文本（含从 PDF 复制的文字）、网页（HTML）、PDF、Word（DOCX），以及填好三张表格的
        Excel（XLSX，如本系统导出的表格：只含表格，导入为已有报告的新版本时沿用其正文）。先逐格显示每个数字的来源和导入时所做的修复与存疑之处，核对改正后再保存为草稿。
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
              accept=".txt,.html,.htm,.pdf,.docx,.xlsx,.xlsm,text/plain,text/html,application/pdf"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </label>
          <label>
            报告年度（可不填，自动识别）{' '}
            <input
              name="import-year"
              value={year}
              // digits only — full-width ones (「２０２４」 typed with a Chinese input method) read as digits;
              // left as typed while the input method composes (taken at compositionend)
              onChange={(e) =>
                setYear(
                  (e.nativeEvent as InputEvent).isComposing ? e.target.value : yearDigits(e.target.value),
                )
              }
              onCompositionEnd={(e) => setYear(yearDigits(e.currentTarget.value))}
              size={6}
            />
          </label>
          <button type="button" className="primary" disabled={busy} onClick={() => void runPreview()}>
            {busy ? '正在读取…' : '导入'}
          </button>
        </div>
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
      </section>
    </div>
  );
}
