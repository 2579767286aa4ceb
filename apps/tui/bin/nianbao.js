#!/usr/bin/env node
// The `nianbao` command: the built CLI (dist/cli.js). This small file is in the repository so that
// `npm install` links the command (node_modules/.bin/nianbao) on a fresh clone, before the first
// build — npm links no command whose file is not there yet.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('nianbao：命令行尚未构建：请先在仓库根目录运行 npm run build（或 npm start）\n');
  process.exit(2);
}
await import(cli.href);
