/**
 * The national format editions as data (spec/editions.json, spec/domain.md §3–§5, §9).
 *
 * Everything else in Nianbao — schemas, form layouts, parsers, renderers, rule loops — is derived
 * from this structure. A future edition is a new entry here, not edits across the code.
 * `inheritsFrom` + `replaceRows` keep the 2021 table 三 as the diff the format made.
 */

export type ValueType = 'count' | 'signedCount' | 'money';

export interface ColumnDef {
  readonly key: string;
  readonly label: string;
  readonly valueType?: ValueType;
  /** Fixed unit printed in the header (2021 收费金额: 万元); null = the header prints none. */
  readonly unit?: string | null;
  readonly aliases?: readonly string[];
}

export interface RowDef {
  readonly key: string;
  readonly label: string;
  readonly kind?: 'data' | 'group';
  readonly parent?: string;
  /** Item number of the 勾稽关系 note (第一项 … 第四项). */
  readonly item?: number;
  readonly aliases?: readonly string[];
}

export interface BlockDef {
  readonly key: string;
  readonly caption: string;
  readonly columns: readonly ColumnDef[];
  readonly rows: readonly RowDef[];
}

export interface SectionDef {
  readonly no: number;
  readonly key: SectionKey;
  readonly title: string;
  readonly aliases: readonly string[];
  readonly table?: TableKey;
  readonly subTopics?: readonly string[];
  readonly governmentOnlyTopics?: readonly string[];
  readonly requiredTopics?: readonly string[];
  readonly recommendedTopics?: readonly string[];
}

export type SectionKey =
  | 'overview'
  | 'activeDisclosure'
  | 'applications'
  | 'reviewLitigation'
  | 'problems'
  | 'other';
export type TableKey = 'activeDisclosure' | 'applications' | 'reviewLitigation';

export interface ApplicationsTableData {
  readonly cornerNote: string;
  readonly columnGroups: readonly { readonly label: string; readonly columns: readonly string[] }[];
  readonly columns: readonly ColumnDef[];
  readonly rows: readonly RowDef[];
}

export interface ReviewLitigationTableData {
  readonly columnGroups: readonly {
    readonly key: string;
    readonly label: string;
    readonly children?: readonly { readonly key: string; readonly label: string }[];
  }[];
  readonly rows: readonly RowDef[];
  readonly columns: readonly ColumnDef[];
}

export interface EditionData {
  readonly id: string;
  readonly documentNo: string;
  readonly formatTitle: string;
  readonly publishedOn: string;
  readonly reportYears: { readonly from: number; readonly to: number | null };
  readonly sections: readonly SectionDef[];
  readonly tables: {
    readonly activeDisclosure: { readonly rowHeaderLabel: string; readonly blocks: readonly BlockDef[] };
    readonly applications:
      | ApplicationsTableData
      | {
          readonly inheritsFrom: string;
          readonly replaceRows?: Readonly<Record<string, readonly RowDef[]>>;
        };
    readonly reviewLitigation: ReviewLitigationTableData | { readonly inheritsFrom: string };
  };
}

const SECTION_ALIASES: Record<SectionKey, readonly string[]> = {
  overview: ['总体情况', '工作基本情况', '基本情况'],
  activeDisclosure: [
    '主动公开政府信息情况',
    '主动公开政府信息的情况',
    '政府信息主动公开情况',
    '行政机关主动公开政府信息情况',
  ],
  applications: [
    '收到和处理政府信息公开申请情况',
    '收到和处理政府信息公开的申请情况',
    '行政机关收到和处理政府信息公开申请情况',
  ],
  reviewLitigation: [
    '政府信息公开行政复议、行政诉讼情况',
    '政府信息公开行政复议和行政诉讼情况',
    '因政府信息公开工作被申请行政复议、提起行政诉讼的情况',
    '因政府信息公开工作被申请行政复议、提起行政诉讼情况',
    '因政府信息公开工作被申请行政复议提起行政诉讼情况',
  ],
  problems: ['存在的主要问题及改进情况', '政府信息公开工作存在的主要问题及改进情况', '存在问题及改进情况'],
  other: ['其他需要报告的事项', '其它需要报告的事项'],
};

const sections = (overviewTopics: readonly string[], extra2021: boolean): readonly SectionDef[] => [
  {
    no: 1,
    key: 'overview',
    title: '一、总体情况',
    aliases: SECTION_ALIASES.overview,
    subTopics: overviewTopics,
    governmentOnlyTopics: ['工作考核、社会评议和责任追究结果情况'],
  },
  {
    no: 2,
    key: 'activeDisclosure',
    title: '二、主动公开政府信息情况',
    aliases: SECTION_ALIASES.activeDisclosure,
    table: 'activeDisclosure',
  },
  {
    no: 3,
    key: 'applications',
    title: '三、收到和处理政府信息公开申请情况',
    aliases: SECTION_ALIASES.applications,
    table: 'applications',
  },
  {
    no: 4,
    key: 'reviewLitigation',
    title: '四、政府信息公开行政复议、行政诉讼情况',
    aliases: SECTION_ALIASES.reviewLitigation,
    table: 'reviewLitigation',
  },
  {
    no: 5,
    key: 'problems',
    title: '五、存在的主要问题及改进情况',
    aliases: SECTION_ALIASES.problems,
    ...(extra2021 ? { recommendedTopics: ['上一年度问题整改情况'] } : {}),
  },
  {
    no: 6,
    key: 'other',
    title: '六、其他需要报告的事项',
    aliases: SECTION_ALIASES.other,
    requiredTopics: extra2021 ? ['信息处理费'] : [],
    ...(extra2021
      ? {
          recommendedTopics: [
            '落实上级年度政务公开工作要点情况',
            '人大代表建议和政协提案办理结果公开情况',
            '年度政务公开工作创新情况',
            '有关统计数据',
          ],
        }
      : {}),
  },
];

const YEAR_CHANGE: ColumnDef = {
  key: 'yearChange',
  label: '本年增/减',
  valueType: 'signedCount',
  aliases: ['本年数量', '本年增减'],
};
const PREV_ITEMS: ColumnDef = { key: 'prevYearItems', label: '上一年项目数量', valueType: 'count' };
const DECISIONS_2019: ColumnDef = { key: 'decisions', label: '处理决定数量', valueType: 'count' };
const DECISIONS_2021: ColumnDef = {
  key: 'decisions',
  label: '本年处理决定数量',
  valueType: 'count',
  aliases: ['处理决定数量'],
};

const denied = (n: number, key: string, label: string): RowDef => ({
  key: `denied_${key}`,
  label: `${n}.${label}`,
  kind: 'data',
  parent: 'denied',
});

export const EDITION_DATA: readonly EditionData[] = [
  {
    id: '2019-trial',
    documentNo: '国办公开办函〔2019〕60号',
    formatTitle: '中华人民共和国政府信息公开工作年度报告格式（试行）',
    publishedOn: '2019-11-27',
    reportYears: { from: 2019, to: 2020 },
    sections: sections(['主动公开', '依申请公开', '政府信息管理', '平台建设', '监督保障'], false),
    tables: {
      activeDisclosure: {
        rowHeaderLabel: '信息内容',
        blocks: [
          {
            key: 'art20_1',
            caption: '第二十条第（一）项',
            columns: [
              { key: 'newlyMade', label: '本年新制作数量', valueType: 'count' },
              { key: 'newlyPublished', label: '本年新公开数量', valueType: 'count' },
              { key: 'totalPublished', label: '对外公开总数量', valueType: 'count' },
            ],
            rows: [
              { key: 'regulations', label: '规章' },
              { key: 'normativeDocs', label: '规范性文件', aliases: ['行政规范性文件'] },
            ],
          },
          {
            key: 'art20_5',
            caption: '第二十条第（五）项',
            columns: [PREV_ITEMS, YEAR_CHANGE, DECISIONS_2019],
            rows: [
              { key: 'licensing', label: '行政许可' },
              { key: 'otherMgmtServices', label: '其他对外管理服务事项' },
            ],
          },
          {
            key: 'art20_6',
            caption: '第二十条第（六）项',
            columns: [PREV_ITEMS, YEAR_CHANGE, DECISIONS_2019],
            rows: [
              { key: 'punishment', label: '行政处罚' },
              { key: 'coercion', label: '行政强制' },
            ],
          },
          {
            key: 'art20_8',
            caption: '第二十条第（八）项',
            columns: [PREV_ITEMS, YEAR_CHANGE],
            rows: [{ key: 'adminFees', label: '行政事业性收费' }],
          },
          {
            key: 'art20_9',
            caption: '第二十条第（九）项',
            columns: [
              { key: 'procurementItems', label: '采购项目数量', valueType: 'count' },
              { key: 'procurementAmount', label: '采购总金额', valueType: 'money', unit: null },
            ],
            rows: [{ key: 'centralProcurement', label: '政府集中采购' }],
          },
        ],
      },
      applications: {
        cornerNote: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
        columnGroups: [
          {
            label: '申请人情况',
            columns: [
              'naturalPerson',
              'commercialEnterprise',
              'researchInstitution',
              'publicInterestOrg',
              'legalServiceOrg',
              'otherOrg',
              'total',
            ],
          },
          {
            label: '法人或其他组织',
            columns: [
              'commercialEnterprise',
              'researchInstitution',
              'publicInterestOrg',
              'legalServiceOrg',
              'otherOrg',
            ],
          },
        ],
        columns: [
          { key: 'naturalPerson', label: '自然人' },
          { key: 'commercialEnterprise', label: '商业企业' },
          { key: 'researchInstitution', label: '科研机构' },
          { key: 'publicInterestOrg', label: '社会公益组织' },
          { key: 'legalServiceOrg', label: '法律服务机构' },
          { key: 'otherOrg', label: '其他' },
          { key: 'total', label: '总计' },
        ],
        rows: [
          { key: 'newReceived', label: '一、本年新收政府信息公开申请数量', kind: 'data', item: 1 },
          { key: 'carriedOver', label: '二、上年结转政府信息公开申请数量', kind: 'data', item: 2 },
          { key: 'results', label: '三、本年度办理结果', kind: 'group', item: 3 },
          { key: 'granted', label: '（一）予以公开', kind: 'data', parent: 'results' },
          {
            key: 'partiallyGranted',
            label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
            kind: 'data',
            parent: 'results',
          },
          { key: 'denied', label: '（三）不予公开', kind: 'group', parent: 'results' },
          denied(1, 'stateSecret', '属于国家秘密'),
          denied(2, 'lawProhibited', '其他法律行政法规禁止公开'),
          denied(3, 'threeSecurityOneStability', '危及“三安全一稳定”'),
          denied(4, 'thirdPartyRights', '保护第三方合法权益'),
          denied(5, 'internalAffairs', '属于三类内部事务信息'),
          denied(6, 'processInfo', '属于四类过程性信息'),
          denied(7, 'lawEnforcementFile', '属于行政执法案卷'),
          denied(8, 'adminQuery', '属于行政查询事项'),
          { key: 'unable', label: '（四）无法提供', kind: 'group', parent: 'results' },
          { key: 'unable_notHeld', label: '1.本机关不掌握相关政府信息', kind: 'data', parent: 'unable' },
          {
            key: 'unable_needsCreation',
            label: '2.没有现成信息需要另行制作',
            kind: 'data',
            parent: 'unable',
          },
          {
            key: 'unable_unclearAfterCorrection',
            label: '3.补正后申请内容仍不明确',
            kind: 'data',
            parent: 'unable',
          },
          { key: 'notProcessed', label: '（五）不予处理', kind: 'group', parent: 'results' },
          {
            key: 'notProcessed_petitionComplaint',
            label: '1.信访举报投诉类申请',
            kind: 'data',
            parent: 'notProcessed',
          },
          { key: 'notProcessed_repeat', label: '2.重复申请', kind: 'data', parent: 'notProcessed' },
          {
            key: 'notProcessed_publication',
            label: '3.要求提供公开出版物',
            kind: 'data',
            parent: 'notProcessed',
          },
          {
            key: 'notProcessed_massiveUnreasonable',
            label: '4.无正当理由大量反复申请',
            kind: 'data',
            parent: 'notProcessed',
          },
          {
            key: 'notProcessed_confirmOrReissue',
            label: '5.要求行政机关确认或重新出具已获取信息',
            kind: 'data',
            parent: 'notProcessed',
            aliases: ['5.要求行政机关确认或重新出具'],
          },
          { key: 'other', label: '（六）其他处理', kind: 'data', parent: 'results' },
          { key: 'resultTotal', label: '（七）总计', kind: 'data', parent: 'results' },
          { key: 'carriedForward', label: '四、结转下年度继续办理', kind: 'data', item: 4 },
        ],
      },
      reviewLitigation: {
        columnGroups: [
          { key: 'review', label: '行政复议' },
          {
            key: 'litigation',
            label: '行政诉讼',
            children: [
              { key: 'litigationDirect', label: '未经复议直接起诉' },
              { key: 'litigationAfterReview', label: '复议后起诉' },
            ],
          },
        ],
        rows: [
          { key: 'review', label: '行政复议' },
          { key: 'litigationDirect', label: '行政诉讼 · 未经复议直接起诉' },
          { key: 'litigationAfterReview', label: '行政诉讼 · 复议后起诉' },
        ],
        columns: [
          { key: 'upheld', label: '结果维持' },
          { key: 'corrected', label: '结果纠正' },
          { key: 'other', label: '其他结果' },
          { key: 'pending', label: '尚未审结' },
          { key: 'total', label: '总计' },
        ],
      },
    },
  },
  {
    id: '2021',
    documentNo: '国办公开办函〔2021〕30号',
    formatTitle: '中华人民共和国政府信息公开工作年度报告格式',
    publishedOn: '2021-09-29',
    reportYears: { from: 2021, to: null },
    sections: sections(['主动公开', '依申请公开', '政府信息管理', '政府信息公开平台建设', '监督保障'], true),
    tables: {
      activeDisclosure: {
        rowHeaderLabel: '信息内容',
        blocks: [
          {
            key: 'art20_1',
            caption: '第二十条第（一）项',
            columns: [
              { key: 'made', label: '本年制发件数', valueType: 'count' },
              { key: 'repealed', label: '本年废止件数', valueType: 'count' },
              { key: 'valid', label: '现行有效件数', valueType: 'count' },
            ],
            rows: [
              { key: 'regulations', label: '规章' },
              { key: 'normativeDocs', label: '行政规范性文件', aliases: ['规范性文件'] },
            ],
          },
          {
            key: 'art20_5',
            caption: '第二十条第（五）项',
            columns: [DECISIONS_2021],
            rows: [{ key: 'licensing', label: '行政许可' }],
          },
          {
            key: 'art20_6',
            caption: '第二十条第（六）项',
            columns: [DECISIONS_2021],
            rows: [
              { key: 'punishment', label: '行政处罚' },
              { key: 'coercion', label: '行政强制' },
            ],
          },
          {
            key: 'art20_8',
            caption: '第二十条第（八）项',
            columns: [
              {
                key: 'feeAmount',
                label: '本年收费金额（单位：万元）',
                valueType: 'money',
                unit: '万元',
                aliases: ['本年收费金额'],
              },
            ],
            rows: [{ key: 'adminFees', label: '行政事业性收费' }],
          },
        ],
      },
      applications: {
        inheritsFrom: '2019-trial',
        replaceRows: {
          other: [
            { key: 'other', label: '（六）其他处理', kind: 'group', parent: 'results' },
            {
              key: 'other_noCorrection',
              label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
              kind: 'data',
              parent: 'other',
              aliases: ['1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请'],
            },
            {
              key: 'other_feeUnpaid',
              label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
              kind: 'data',
              parent: 'other',
              aliases: ['2.申请人逾期未按收费通知要求缴纳费用，行政机关不再处理其政府信息公开申请'],
            },
            { key: 'other_other', label: '3.其他', kind: 'data', parent: 'other' },
          ],
        },
      },
      reviewLitigation: { inheritsFrom: '2019-trial' },
    },
  },
];
