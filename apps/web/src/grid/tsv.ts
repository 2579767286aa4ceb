// A block copied from Excel or WPS is split as core splits it (the terminal editor splits it the same way).
export { parseTsv } from '@nianbao/core';
