import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shellQuote } from './shell.js';

/** What `sh` makes of the words as printed: each argument on its own, NUL-separated. */
function shWords(line: string): string[] {
  const r = spawnSync('sh', ['-c', `printf '%s\\0' ${line}`], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split('\0').slice(0, -1);
}

describe('shellQuote: paths printed in commands to copy and paste', () => {
  it('a path with spaces, quotes, $ and 中文 comes back from sh as one word, exactly', () => {
    const words = [
      'pulled/江南 中-服务器第2版.json',
      "it's.json",
      'a$HOME`x`.json',
      '报告 目录/*.json',
      '-o',
      '',
    ];
    expect(shWords(words.map(shellQuote).join(' '))).toEqual(words);
  });

  it('a plain path stays as it is', () => {
    expect(shellQuote('pulled/江南中-服务器第2版.json')).toBe('pulled/江南中-服务器第2版.json');
    expect(shellQuote('626de5b5-0a1b-4c2d-9e8f-0123456789ab')).toBe('626de5b5-0a1b-4c2d-9e8f-0123456789ab');
    expect(shellQuote('pulled/江南 中.json')).toBe("'pulled/江南 中.json'");
  });

  it('any words (no NUL) come back from sh as they were (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc
            .string({
              unit: fc.oneof(
                fc.constantFrom(...' \t\n\'"\\$`!*?[](){}<>|&;#~=%-'),
                fc.constantFrom('中', '文', '　', 'a', '0', 'é'),
                fc
                  .integer({ min: 1, max: 0x10ffff })
                  .filter((c) => c < 0xd800 || c > 0xdfff)
                  .map((c) => String.fromCodePoint(c)),
              ),
            })
            .filter((s) => !s.includes('\0')),
          { minLength: 1, maxLength: 4 },
        ),
        (words) => {
          expect(shWords(words.map(shellQuote).join(' '))).toEqual(words);
        },
      ),
      { numRuns: 60 },
    );
  });
});
