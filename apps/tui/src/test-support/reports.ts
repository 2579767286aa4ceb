import { createEmptyReport, type Report } from '@nianbao/core';
import { zeroFilled } from '../lib/seed.js';

/** The seed: 坑仔口镇人民政府 2020 (2019-trial edition), every cell 0, totals derived, a line under 一. */
export function seedReport(): Report {
  const r = zeroFilled(createEmptyReport({ year: 2020, agency: '坑仔口镇人民政府' }));
  // (an account of the year under 一: an empty 总体情况 is an error of its own, S2)
  return {
    ...r,
    sections: { ...r.sections, overview: '本镇认真贯彻落实《中华人民共和国政府信息公开条例》。' },
  };
}

/** Let Ink render after input. */
export const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));
