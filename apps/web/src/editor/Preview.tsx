import type { Report } from '@nianbao/core';
import { renderHtml } from '@nianbao/render';
import { useDeferredValue, useMemo, useRef } from 'react';

/**
 * The official layout (render's HTML) of the working copy, live. Shown in a sandboxed frame: no
 * script runs there, and every piece of user text is escaped by the renderer.
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
        className="preview-frame"
      />
    </div>
  );
}
