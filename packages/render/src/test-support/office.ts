import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

/** LibreOffice (Debian: libreoffice-writer-nogui, libreoffice-calc-nogui), if installed. */
export const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));
/** poppler's pdftotext (Debian: poppler-utils), if installed. */
export const PDFTOTEXT = ['/usr/bin/pdftotext', '/usr/local/bin/pdftotext'].find((p) => existsSync(p));

/**
 * `files` printed to PDF by LibreOffice, headless, in one run (a start costs ~5 s of CPU), each
 * `name.pdf` written into `outdir`; a profile of its own in `profile`, so that runs side by side do
 * not share one.
 */
export async function printToPdf(
  files: readonly string[],
  options: { outdir: string; profile: string; timeoutMs: number },
): Promise<void> {
  if (!SOFFICE) throw new Error('soffice is not installed');
  await promisify(execFile)(
    SOFFICE,
    [
      `-env:UserInstallation=file://${options.profile}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      options.outdir,
      ...files,
    ],
    { timeout: options.timeoutMs },
  );
}

/** The text of a PDF as poppler reads it in content order (`-raw`); pages split by form feeds. */
export async function pdfText(pdf: string): Promise<string> {
  if (!PDFTOTEXT) throw new Error('pdftotext is not installed');
  return (await promisify(execFile)(PDFTOTEXT, ['-raw', pdf, '-'])).stdout;
}
