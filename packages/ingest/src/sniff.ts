/**
 * Whether the start of a text is HTML markup: an HTML document tag first, or at least three block
 * tags in its first 4 KB (a page saved as .txt, a fragment of one). One rule for `ingest`'s kind
 * detection and for programs that pick the fast plain-text reader (`@nianbao/ingest/text`) first.
 * Returns the reason in 简体中文, or null.
 */
export function htmlMarkup(head: string): string | null {
  const h = head.slice(0, 4096).trimStart().toLowerCase();
  if (/^(?:<!doctype html|<html|<\?xml[^>]*>\s*<html)/.test(h)) return '内容以 HTML 文档标记开头';
  const tags = (h.match(/<(?:p|div|table|tr|td|span|br|body|h[1-6])[\s>/]/g) ?? []).length;
  return tags >= 3 ? `内容含 HTML 标记（${tags} 处）` : null;
}
