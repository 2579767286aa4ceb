import { type Dirent, readdirSync, realpathSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';

/* File kinds and folder walks, free of @nianbao/core so that `check` can start its workers first. */

export type InputKind = 'json' | 'text' | 'html' | 'pdf' | 'docx' | 'xlsx';

const KINDS: Record<string, InputKind> = {
  '.json': 'json',
  '.txt': 'text',
  '.text': 'text',
  '.md': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.pdf': 'pdf',
  '.docx': 'docx',
  '.xlsx': 'xlsx',
  '.xlsm': 'xlsx',
};

/**
 * Documents a published report comes as that we do not read (old Word and WPS, OFD, RTF, ODF, old
 * Excel and WPS spreadsheets of the tables): found in a folder they are listed — unusable, with
 * what to do (io.ts) — never left out unsaid, as a report the check or roll-up did not count.
 * Pictures and archives are no report of any kind and stay out.
 */
export const UNREAD_DOCUMENTS: ReadonlySet<string> = new Set([
  '.doc',
  '.wps',
  '.rtf',
  '.odt',
  '.ofd',
  '.xls',
  '.et',
  '.ods',
]);

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
  const stem = (name: string) => name.slice(0, name.length - extname(name).length);
  // the names of the files read here: 年报.doc beside 年报.docx (or .pdf, or the .json imported
  // from it) is that report in a format we cannot read, already checked — not listed again
  const read = new Set(
    names.filter((d) => !d.isDirectory() && kindOf(d.name) !== undefined).map((d) => stem(d.name)),
  );
  for (const d of names) {
    if (d.name.startsWith('.') || d.name === 'node_modules') continue;
    const full = join(dir, d.name);
    if (d.isDirectory()) {
      if (depth > 0) walk(full, depth - 1, out);
    } else if (kindOf(d.name) !== undefined) out.push(full);
    else if (UNREAD_DOCUMENTS.has(extname(d.name).toLowerCase()) && !read.has(stem(d.name))) out.push(full);
  }
}

/**
 * Expand files and folders into report files (folders: every report file inside, sorted; sub-folders
 * down to `maxDepth` levels, hidden folders and node_modules skipped).
 */
export function expandInputs(inputs: readonly string[], options: { maxDepth?: number } = {}): string[] {
  const out: string[] = [];
  for (const input of inputs) {
    // `-`: standard input (io.ts), never a file of that name (write ./- for one)
    if (input === '-') {
      out.push(input);
      continue;
    }
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

/** A file's real path (links and `./` resolved), or its absolute path when it cannot be resolved. */
export function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return resolve(file);
  }
}

/**
 * Each file once, in the order first named: a file named twice — directly and through its folder,
 * twice, as `./r.json` and `r.json`, or through a link — is one file (compared by real path).
 */
export function uniqueFiles(files: readonly string[]): string[] {
  const seen = new Set<string>();
  return files.filter((f) => {
    const real = realPath(f);
    if (seen.has(real)) return false;
    seen.add(real);
    return true;
  });
}
