import { statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { sameAgency } from '@nianbao/core';
import type { FileResult } from './checker.js';
import { kindOf } from './files.js';

type Ok = Extract<FileResult, { ok: true }>;

/** Where the editor and `nianbao import` save a published report: beside it, same name, `.json`. */
function besideJson(file: string): string | undefined {
  return kindOf(file) === 'json' ? undefined : join(dirname(file), `${basename(file, extname(file))}.json`);
}

/**
 * Published reports whose saved edits are in the same list: the JSON beside `report.pdf`
 * (`report.json`, where `w` and `nianbao import` save it) that holds the same agency's report of
 * the same year — what `nianbao edit report.pdf` opens. Index of the published file → index of its
 * JSON. A JSON of another report, or either file unreadable, pairs with nothing.
 */
export function savedPairs(
  items: readonly { readonly file: string; readonly result?: FileResult | undefined }[],
): Map<number, number> {
  const at = new Map<string, number>();
  for (const [i, x] of items.entries()) at.set(x.file, i);
  const out = new Map<number, number>();
  items.forEach((x, i) => {
    const json = besideJson(x.file);
    const j = json === undefined ? undefined : at.get(json);
    if (j === undefined) return;
    const a = x.result;
    const b = items[j]!.result;
    if (!a?.ok || !b?.ok || a.year !== b.year) return;
    const agency = (r: Ok) => ({ name: r.agency, ...(r.agencyId ? { id: r.agencyId } : {}) });
    if (sameAgency(agency(a), agency(b))) out.set(i, j);
  });
  return out;
}

/** The note on saved edits checked in place of their published report (简体中文). */
export function savedNote(json: string, published: string): string {
  const src = basename(published);
  let newer = false;
  try {
    newer = statSync(published).mtimeMs > statSync(json).mtimeMs;
  } catch {
    // either gone meanwhile: nothing to compare
  }
  return newer
    ? `这是 ${src} 保存后的修改（${basename(json)}），按它检查，${src} 不再单独计算；注意 ${src} 比它新（保存之后有改动），要重新导入，先把 ${basename(json)} 改名`
    : `这是 ${src} 保存后的修改（${basename(json)}），按它检查，${src} 不再单独计算`;
}

/**
 * Results with each published report and its saved edits as one report: the JSON's result, marked
 * as coming from the published file (`source`), where the published file stood; the published
 * file's own result dropped. Others as they are, in order.
 */
export function pairResults(results: readonly FileResult[]): FileResult[] {
  const pairs = savedPairs(results.map((result) => ({ file: result.file, result })));
  if (!pairs.size) return [...results];
  const jsons = new Set(pairs.values());
  const out: FileResult[] = [];
  results.forEach((r, i) => {
    const j = pairs.get(i);
    if (j !== undefined) {
      const saved = results[j] as Ok;
      out.push({ ...saved, source: r.file, notes: [savedNote(saved.file, r.file), ...saved.notes] });
    } else if (!jsons.has(i)) out.push(r);
  });
  return out;
}
