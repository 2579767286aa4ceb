import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NianbaoError } from '@nianbao/core';
import { describe, expect, it } from 'vitest';
import { ingestSync } from './index.js';
import { detectKind } from './ingest.js';
import { ingestText } from './plain.js';
import { FIXTURES, fixtureBytes, SEED } from './test-support/fixtures.js';

/** The modules a source file imports (statically), followed through the package. */
function importGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const src = readFileSync(join(import.meta.dirname, file), 'utf8');
    for (const m of src.matchAll(/^(?:import|export)\s(?!type\b)[^;]*?from\s+'\.\/([\w-]+)\.js'/gms))
      visit(`${m[1]}.ts`);
  };
  visit(entry);
  return seen;
}

describe('@nianbao/ingest/text: the plain-text reader alone', () => {
  it('reads every text fixture exactly as ingestSync(…, { kind: "text" }) does', () => {
    const files = [SEED, ...readdirSync(join(FIXTURES, 'corpus')).map((f) => `corpus/${f}`)];
    for (const f of files) {
      const bytes = fixtureBytes(f);
      const text = new TextDecoder().decode(bytes);
      // A web page saved as .txt (028.txt): ingestSync reads its markup as HTML, the text reader cannot.
      if (detectKind(text).kind === 'html') {
        expect(ingestSync(text, { kind: 'text', filename: f }).diagnostics.kind.value, f).toBe('html');
        continue;
      }
      for (const input of [text, bytes]) {
        let a: unknown;
        let b: unknown;
        try {
          a = ingestText(input, { filename: f });
        } catch (e) {
          a = e;
        }
        try {
          b = ingestSync(input, { kind: 'text', filename: f });
        } catch (e) {
          b = e;
        }
        expect(a, f).toEqual(b);
      }
    }
    expect(ingestText(fixtureBytes(SEED)).report.meta.agency.name).toBe('坑仔口镇人民政府');
  });

  it('refuses what is not a report with the same NianbaoError', () => {
    expect(() => ingestText('   ')).toThrow(NianbaoError);
    expect(() => ingestText('   ')).toThrow(/输入为空/);
    expect(() => ingestText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0]))).toThrow(/图片/);
  });

  it('loads no HTML, PDF or Word reader', () => {
    const graph = importGraph('plain.ts');
    expect(graph).toContain('parse.ts');
    for (const heavy of ['html.ts', 'pdf.ts', 'docx.ts', 'ingest.ts']) expect(graph).not.toContain(heavy);
    // the check above follows imports: the full entry does reach the HTML reader
    expect(importGraph('index.ts')).toContain('html.ts');
  });
});
