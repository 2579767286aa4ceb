import { createEmptyReport, type Report } from '@nianbao/core';
import { zeroFilled } from '../lib/seed.js';

/** The seed: 坑仔口镇人民政府 2020 (2019-trial edition), every cell 0, totals derived. */
export function seedReport(): Report {
  return zeroFilled(createEmptyReport({ year: 2020, agency: '坑仔口镇人民政府' }));
}

/** Let Ink render after input. */
export const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));
