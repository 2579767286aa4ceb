import { type Dirent, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';

/* File kinds and folder walks, free of @nianbao/core so that `check` can start its workers first. */

export type InputKind = 'json' | 'text' | 'html' | 'pdf' | 'docx';

const KINDS: Record<string, InputKind> = {
  '.json': 'json',
  '.txt': 'text',
  '.text': 'text',
  '.md': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.pdf': 'pdf',
  '.docx': 'docx',
};

/** The input kind by file extension; undefined when it is not a report file we read. */
export function kindOf(file: string): InputKind | undefined {
  return KINDS[extname(file).toLowerCase()];
}

/** r2 before r10; one collator for the whole sort (a localeCompare with options builds one per call). */
const byName = new Intl.Collator('en', { numeric: true });

function walk(dir: string, depth: number, out: string[]): void {
  let names: Dirent[];
  try {
    names = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const d of names) {
    if (d.name.startsWith('.') || d.name === 'node_modules') continue;
    const full = join(dir, d.name);
    if (d.isDirectory()) {
      if (depth > 0) walk(full, depth - 1, out);
    } else if (kindOf(d.name) !== undefined) out.push(full);
  }
}

/**
 * Expand files and folders into report files (folders: every report file inside, sorted; sub-folders
 * down to `maxDepth` levels, hidden folders and node_modules skipped).
 */
export function expandInputs(inputs: readonly string[], options: { maxDepth?: number } = {}): string[] {
  const out: string[] = [];
  for (const input of inputs) {
    let isDir = false;
    try {
      isDir = statSync(input).isDirectory();
    } catch {
      out.push(input); // reported as unusable when read
      continue;
    }
    if (!isDir) {
      out.push(input);
      continue;
    }
    const found: string[] = [];
    walk(input, options.maxDepth ?? 64, found);
    out.push(...found.sort(byName.compare));
  }
  return out;
}
