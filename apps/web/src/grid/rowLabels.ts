// Pasted row labels are matched to the table's rows by core (packages/core/src/paste.ts).
export { pasteLabelKey as labelKey } from '@nianbao/core';
