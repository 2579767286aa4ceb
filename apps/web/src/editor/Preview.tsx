import type { Report } from '@nianbao/core';
import { renderHtml } from '@nianbao/render';
import { useDeferredValue, useEffect, useMemo, useRef } from 'react';

/**
 * The official layout (render's HTML) of the working copy, live. Shown in a sandboxed frame: no
 * script runs there, and every piece of user text is escaped by the renderer.
 *
 * The browser's own print of the tab (Ctrl+P, the menu) prints a copy of it laid out in the page
 * itself (a shadow root, print only): a frame prints as one box of its height, cut after page 1.
 * The copy breaks into pages as the document does (rows whole, 表三 on a page of its own), on
 * render's A4 page.
 */
export function Preview({ report }: { report: Report }) {
  const deferred = useDeferredValue(report);
  const html = useMemo(() => {
    try {
      return renderHtml(deferred);
    } catch (e) {
      return `<p style="color:#b00">无法生成预览：${String(e instanceof Error ? e.message : e).replace(/[<>&]/g, '')}</p>`;
    }
  }, [deferred]);
  const frame = useRef<HTMLIFrameElement>(null);
  return (
    <div className="preview">
      <div className="row gap no-print">
        <button type="button" onClick={() => frame.current?.contentWindow?.print()}>
          打印 / 另存为 PDF
        </button>
        <span className="muted small">预览为当前编辑内容（含尚未保存的修改）。</span>
      </div>
      <iframe
        ref={frame}
        title="正式版式预览"
        sandbox="allow-same-origin allow-modals"
        srcDoc={html}
        className="preview-frame no-print"
      />
      <OfficialDocument html={html} className="preview-print" testId="preview-print" />
    </div>
  );
}

/**
 * render's HTML laid out in the page itself, in a shadow root (its styles stay inside it; nothing in
 * it runs: see printableCopy), with render's A4 page (size and margins) for the page's own print
 * while it is shown. The preview's print copy, and the public page of a published report.
 */
export function OfficialDocument({
  html,
  className,
  testId,
}: {
  html: string;
  className?: string;
  testId?: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const printable = useMemo(() => printableCopy(html), [html]);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const root = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
    root.replaceChildren(...printable.nodes.map((n) => document.importNode(n, true)));
  }, [printable]);
  return (
    <>
      {printable.page && <style>{`@media print { ${printable.page} }`}</style>}
      <div ref={host} className={className} data-testid={testId} />
    </>
  );
}

/**
 * render's HTML as nodes for the print copy: its styles (without @page, which only the document
 * takes) and its body, read by DOMParser (inert: nothing runs or loads) with anything that could run
 * taken out — render escapes all text; this keeps the frame's "no script" for the copy too.
 */
export function printableCopy(html: string): { nodes: Node[]; page: string | null } {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const el of doc.querySelectorAll('script, iframe, frame, object, embed, link, meta, base, form'))
    el.remove();
  for (const el of doc.querySelectorAll('*'))
    for (const a of [...el.attributes])
      if (
        /^on/i.test(a.name) ||
        (/^(href|src|action|xlink:href)$/i.test(a.name) && /^\s*javascript:/i.test(a.value))
      )
        el.removeAttribute(a.name);
  const css = [...doc.querySelectorAll('style')].map((s) => s.textContent ?? '').join('\n');
  for (const s of doc.querySelectorAll('style')) s.remove();
  const page = css.match(/@page\s*\{[^}]*\}/)?.[0] ?? null;
  const style = doc.createElement('style');
  style.textContent = css.replace(/@page\s*\{[^}]*\}/g, '');
  return { nodes: [style, ...doc.body.childNodes], page };
}
