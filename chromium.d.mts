/** The Chromium binary the tests launch: NIANBAO_CHROMIUM, else Debian's /usr/bin/chromium. */
export declare const CHROMIUM_PATH: string;
/** The flags every launch here uses (headless, no sandbox, no GPU, no network of its own). */
export declare const CHROMIUM_ARGS: readonly string[];
