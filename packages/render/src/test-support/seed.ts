/** The seed (坑仔口镇人民政府 2020, 2019-trial, every number 0) is core's: one copy for every package. */
export { seedReport } from '@nianbao/core';
