import { derive } from './derive.js';
import { type CellId, editionForYear, getEdition } from './editions/index.js';
import { type Agency, type Cell, createEmptyReport, NianbaoError, type Report } from './model.js';
import { narrate } from './summary.js';

export interface ExampleOptions {
  readonly year: number;
  readonly agency?: Agency;
  /** Multiplies every count (default 1): different agencies of a demo region get different numbers. */
  readonly scale?: number;
}

/** Per applicant column: values of the result rows, 上年结转 and 结转下年度 (新收 follows by 勾稽). */
const T3_PLAN: Record<
  string,
  { results: Record<string, number>; carriedOver: number; carriedForward: number }
> = {
  naturalPerson: {
    results: {
      granted: 20,
      partiallyGranted: 5,
      denied_thirdPartyRights: 1,
      unable_notHeld: 8,
      notProcessed_repeat: 2,
      other: 1,
    },
    carriedOver: 3,
    carriedForward: 2,
  },
  commercialEnterprise: { results: { granted: 4, unable_notHeld: 1 }, carriedOver: 0, carriedForward: 1 },
  researchInstitution: { results: {}, carriedOver: 0, carriedForward: 0 },
  publicInterestOrg: { results: {}, carriedOver: 0, carriedForward: 0 },
  legalServiceOrg: { results: { granted: 1 }, carriedOver: 0, carriedForward: 0 },
  otherOrg: { results: { unable_needsCreation: 1 }, carriedOver: 1, carriedForward: 0 },
};

/**
 * A complete, consistent report with non-zero numbers and narrative for demos, documentation and
 * tests: every identity holds, and the narrative quotes the tables through `narrate`.
 */
export function exampleReport(options: ExampleOptions): Report {
  const { year } = options;
  const k = options.scale ?? 1;
  const editionId = editionForYear(year);
  if (!editionId) throw new NianbaoError('NO_EDITION_FOR_YEAR', `${year} 年没有适用的全国统一年报格式`);
  const agency: Agency = options.agency ?? { name: '示例县交通运输局', kind: '政府部门', level: '县级' };
  let report = createEmptyReport({ year, agency });
  const edition = getEdition(editionId);
  const cells: Record<CellId, Cell> = { ...report.cells };
  const set = (id: CellId, value: number) => {
    if (!edition.cellIndex.has(id)) throw new Error(`example: unknown cell ${id}`);
    const prev = cells[id];
    cells[id] = { value, ...(prev?.unit ? { unit: prev.unit } : {}) };
  };
  for (const def of edition.cells) if (!def.derived) set(def.id, 0);
  const ad = (row: string, col: string) => `activeDisclosure.${row}.${col}`;
  // Stocks follow from year to year, so consecutive examples satisfy the cross-year rules X2–X4.
  if (editionId === '2021') {
    set(ad('normativeDocs', 'made'), 6 * k);
    set(ad('normativeDocs', 'repealed'), 2 * k);
    set(ad('normativeDocs', 'valid'), (40 + 4 * (year - 2021)) * k);
    set(ad('licensing', 'decisions'), 1250 * k);
    set(ad('punishment', 'decisions'), 315 * k);
    set(ad('coercion', 'decisions'), 12 * k);
    cells[ad('adminFees', 'feeAmount')] = { value: Math.round(20.3 * k * 100) / 100, unit: '万元' };
  } else {
    set(ad('normativeDocs', 'newlyMade'), 6 * k);
    set(ad('normativeDocs', 'newlyPublished'), 6 * k);
    const y0 = year - 2019;
    set(ad('normativeDocs', 'totalPublished'), (34 + 6 * y0) * k);
    set(ad('licensing', 'prevYearItems'), 86 - 2 * y0);
    set(ad('licensing', 'yearChange'), -2);
    set(ad('licensing', 'decisions'), 1250 * k);
    set(ad('otherMgmtServices', 'prevYearItems'), 12 + y0);
    set(ad('otherMgmtServices', 'yearChange'), 1);
    set(ad('otherMgmtServices', 'decisions'), 40 * k);
    set(ad('punishment', 'prevYearItems'), 320 + 4 * y0);
    set(ad('punishment', 'yearChange'), 4);
    set(ad('punishment', 'decisions'), 315 * k);
    set(ad('coercion', 'prevYearItems'), 15);
    set(ad('coercion', 'yearChange'), 0);
    set(ad('coercion', 'decisions'), 12 * k);
    set(ad('adminFees', 'prevYearItems'), 3);
    set(ad('adminFees', 'yearChange'), 0);
    set(ad('centralProcurement', 'procurementItems'), 9 * k);
    cells[ad('centralProcurement', 'procurementAmount')] = {
      value: Math.round(153.1 * k * 100) / 100,
      unit: '万元',
    };
  }
  for (const [col, plan] of Object.entries(T3_PLAN)) {
    let done = 0;
    for (const [row, v] of Object.entries(plan.results)) {
      const r = row === 'other' && editionId === '2021' ? 'other_noCorrection' : row;
      set(`applications.${r}.${col}`, v * k);
      done += v * k;
    }
    set(`applications.carriedOver.${col}`, plan.carriedOver * k);
    set(`applications.carriedForward.${col}`, plan.carriedForward * k);
    set(`applications.newReceived.${col}`, done + plan.carriedForward * k - plan.carriedOver * k);
  }
  const rl = (row: string, col: string) => `reviewLitigation.${row}.${col}`;
  set(rl('review', 'upheld'), 2 * k);
  set(rl('review', 'corrected'), 1 * k);
  set(rl('review', 'pending'), 1 * k);
  set(rl('litigationDirect', 'upheld'), 1 * k);
  set(rl('litigationDirect', 'pending'), 1 * k);
  report = derive({ ...report, cells }).report;
  const said = narrate(report).sentences;
  const text = (section: string) =>
    said
      .filter((s) => s.section === section)
      .map((s) => s.text)
      .join('');
  const name = agency.name;
  report = {
    ...report,
    meta: {
      ...report.meta,
      title: `${name}${year}年政府信息公开工作年度报告`,
      publishedOn: `${year + 1}-01-20`,
    },
    preamble: `本报告根据《中华人民共和国政府信息公开条例》第五十条的规定编制，全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。统计期限自${year}年1月1日起至${year}年12月31日止。本报告电子版可在${name}门户网站政府信息公开专栏查阅。`,
    sections: {
      overview: `${year}年，${name}认真贯彻落实《中华人民共和国政府信息公开条例》，围绕主动公开、依申请公开、政府信息管理、平台建设和监督保障推进政府信息公开工作。（一）主动公开。${text('overview')}（二）依申请公开。规范受理、办理、答复流程，按期答复率100%。（三）政府信息管理。开展规范性文件清理。（四）平台建设。完善门户网站政府信息公开专栏。（五）监督保障。将政务公开纳入年度工作考核，开展社会评议，全年未发生责任追究情况。`,
      activeDisclosure: '',
      applications: text('applications'),
      reviewLitigation: text('reviewLitigation'),
      problems:
        '一是政策解读形式较为单一，图解、视频解读偏少；二是部分栏目更新不够及时。针对上一年度报告指出的问题，已完成整改：建立栏目更新月检制度。下一步，我们将加强政策解读，丰富解读形式，完善信息发布审核机制，提升公开质量。',
      other:
        editionId === '2021'
          ? `本年度未收取信息处理费。认真落实上级年度政务公开工作要点，做好人大代表建议和政协提案办理结果公开，推进政务公开工作创新。`
          : '无。',
    },
  };
  return report;
}
