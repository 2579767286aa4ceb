import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { type Report, sameAgency } from '@nianbao/core';
import type { FileResult } from './checker.js';
import { kindOf } from './files.js';
import { jsonPathFor } from './io.js';

type Ok = Extract<FileResult, { ok: true }>;

/** What pairs a published report with its saved edits: the same agency (编号, else name), the same year. */
interface Identity {
  readonly year: number;
  readonly agency: string;
  readonly agencyId?: string | undefined;
}

/** Where the editor and `nianbao import` save a published report: beside it, same name, `.json`. */
function besideJson(file: string): string | undefined {
  return kindOf(file) === 'json' ? undefined : jsonPathFor(file);
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
  return pairsBy(
    items.map((x) => x.file),
    items.map((x) => (x.result?.ok ? x.result : undefined)),
  );
}

/** The one pairing rule, over files and who each report is (undefined: unreadable). */
function pairsBy(files: readonly string[], who: readonly (Identity | undefined)[]): Map<number, number> {
  const at = new Map<string, number>();
  for (const [i, f] of files.entries()) at.set(f, i);
  const out = new Map<number, number>();
  files.forEach((file, i) => {
    const json = besideJson(file);
    const j = json === undefined ? undefined : at.get(json);
    if (j === undefined) return;
    const a = who[i];
    const b = who[j];
    if (!a || !b || a.year !== b.year) return;
    const agency = (r: Identity) => ({ name: r.agency, ...(r.agencyId ? { id: r.agencyId } : {}) });
    if (sameAgency(agency(a), agency(b))) out.set(i, j);
  });
  return out;
}

/** A report read from a file, as `summary` (and `check --previous DIR`) take them. */
export interface LoadedReport {
  readonly file: string;
  readonly report: Report;
  /** The published report these saved edits were made from (`report.pdf` for `report.json`). */
  readonly source?: string;
}

/**
 * Reports read from files, with each published report and its saved edits (report.pdf and the
 * report.json beside it, the same agency's report of the same year) as one: the JSON's report,
 * marked as coming from the published file, where the published file stood. The rule of
 * `check DIR` and the folder view (`pairResults`, `savedPairs`).
 */
export function pairReports(items: readonly LoadedReport[]): LoadedReport[] {
  const pairs = pairsBy(
    items.map((x) => x.file),
    items.map(({ report: { meta } }) => ({
      year: meta.year,
      agency: meta.agency.name,
      agencyId: meta.agency.id,
    })),
  );
  if (!pairs.size) return [...items];
  const jsons = new Set(pairs.values());
  const out: LoadedReport[] = [];
  items.forEach((x, i) => {
    const j = pairs.get(i);
    if (j !== undefined) out.push({ ...items[j]!, source: x.file });
    else if (!jsons.has(i)) out.push(x);
  });
  return out;
}

/** How a report read from a file is named for people: `report.pdf（已存修改 report.json）` when paired. */
export function loadedLabel(x: LoadedReport): string {
  return x.source ? `${x.source}（已存修改 ${basename(x.file)}）` : x.file;
}

/**
 * The note on saved edits checked (or, `as`, summed…) in place of their published report (简体中文).
 */
export function savedNote(json: string, published: string, as = '检查'): string {
  const src = basename(published);
  let newer = false;
  try {
    newer = statSync(published).mtimeMs > statSync(json).mtimeMs;
  } catch {
    // either gone meanwhile: nothing to compare
  }
  return newer
    ? `这是 ${src} 保存后的修改（${basename(json)}），按它${as}，${src} 不再单独计算；注意 ${src} 比它新（保存之后有改动），要重新导入，先把 ${basename(json)} 改名`
    : `这是 ${src} 保存后的修改（${basename(json)}），按它${as}，${src} 不再单独计算`;
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
