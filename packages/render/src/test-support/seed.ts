import { createEmptyReport, type Report } from '@nianbao/core';

/**
 * The seed (shared/fixtures/seed: 坑仔口镇人民政府 2020年政府信息公开工作年度报告, 2019-trial, every
 * number 0) as a report model, narrative shortened.
 */
export function seedReport(): Report {
  const r = createEmptyReport({
    year: 2020,
    agency: { name: '坑仔口镇人民政府', kind: '人民政府', level: '乡镇级' },
  });
  for (const id of Object.keys(r.cells))
    r.cells[id] = id.endsWith('procurementAmount') ? { value: 0, unit: 'unknown' } : { value: 0 };
  r.meta.title = '坑仔口镇人民政府2020年政府信息公开工作年度报告';
  r.meta.contact = {
    address: '永春县坑仔口街259号',
    postcode: '362615',
    phone: '0595-23951088',
    email: 'yckzk@126.com',
  };
  r.preamble =
    '本年报根据《中华人民共和国政府信息公开条例》有关规定，由坑仔口镇人民政府编制。全文包括总体情况、行政机关主动公开政府信息情况、行政机关收到和处理政府信息公开申请情况、因政府信息公开工作被申请行政复议、提起行政诉讼情况、政府信息公开工作存在的主要问题及改进其情况、其他需要报告的事项。年报统计数据时限自 2020 年 1 月 1 日起至 2020 年 12 月 31 日止，报告通过永春县人民政府公众信息网之乡镇政府信息公开和县档案馆查阅等形式公布。联系地址：永春县坑仔口街 259 号，邮编 362615；联系电话 0595-23951088；E-mail: yckzk@126.com。';
  r.sections = {
    overview:
      '2020 年，我镇政府信息公开工作在县委、县政府的正确领导和县信息公开办的精心指导下，认真贯彻落实《中华人民共和国政府信息公开条例》文件要求和上级有关规定，结合工作实际，规范有序推进政府信息公开工作。\n（一）主动公开方面，凡是应主动公开的信息，都能在网站上作长期主动的公开。今年已主动公开信息 5 条，应公开的信息均完全公开。\n（二）依申请公开方面，完善信息主动公开等具体工作流程，明确分工、细化步骤、优化流程，及时将信息公开申请办理反馈到位。\n（三）政府信息管理方面，加强对信息公开工作的管理。\n（四）平台建设方面，在永春县人民政府公众信息网开设坑仔口镇政府信息公开专栏。\n（五）在监督保障方面，成立考核工作组，对本年度政府信息公开情况进行社会评议，对违反政府信息公开规定行为的，将追究相关人员责任。',
    activeDisclosure: '',
    applications: '',
    reviewLitigation: '',
    problems:
      '2020 年度，我镇政府信息公开工作扎实有效推进，但在工作中仍存在一些问题，如公开意识及内容需要进一步深化。下阶段，我镇会进一步规范、优化申请处理流程，建设长效工作机制。',
    other: '无。',
  };
  return r;
}
