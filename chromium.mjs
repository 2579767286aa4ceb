// Headless Chromium as every browser test, screenshot and benchmark here launches it (playwright-core
// with Debian's chromium; nothing is downloaded): the path (NIANBAO_CHROMIUM to use another) and the
// flags that keep it quiet and offline. Each caller gives it a fresh --user-data-dir of its own.
export const CHROMIUM_PATH = process.env.NIANBAO_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
