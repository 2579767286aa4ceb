import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** Static (value) imports reachable from index.ts: what a browser bundle of the package pulls in eagerly. */
function staticGraph(entry: string): { files: Set<string>; bare: Set<string> } {
  const files = new Set<string>();
  const bare = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const src = readFileSync(new URL(file, import.meta.url), 'utf8');
    for (const m of src.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms)) {
      const spec = m[1]!;
      if (spec.startsWith('./')) visit(spec.replace(/\.js$/, '.ts'));
      else bare.add(spec);
    }
  };
  visit(entry);
  return { files, bare };
}

describe('usable from the browser', () => {
  it('the entry point loads no Node API and neither docx nor exceljs eagerly (they load on demand)', () => {
    const { files, bare } = staticGraph('./index.ts');
    expect([...bare].sort()).toEqual(['@nianbao/core', 'zod']);
    expect(files.has('./docx.ts')).toBe(false);
    expect(files.has('./xlsx.ts')).toBe(false);
    for (const f of files)
      expect(readFileSync(new URL(f, import.meta.url), 'utf8')).not.toMatch(/\bBuffer\b|process\./);
  });
});
