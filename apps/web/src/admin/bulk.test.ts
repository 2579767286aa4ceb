import { describe, expect, it } from 'vitest';
import {
  accountsCsv,
  agencyNameWarnings,
  compactName,
  generatePassword,
  likelyParent,
  nearestAgencies,
  planAgencies,
  planUsers,
  replaceCell,
  type TreeNode,
} from './bulk';

describe('agency names', () => {
  it('warns of a stray space, of a column pasted into one name, and of a near-duplicate', () => {
    expect(agencyNameWarnings('某某县 教育局', [])).toEqual(['名称中有空格：机关名称一般不含空格']);
    expect(agencyNameWarnings('某某县公安局 某某县民政局 某某县财政局', [])[0]).toContain(
      '像是 3 个机关连成了一个名称',
    );
    expect(agencyNameWarnings('某某县 教育局', ['某某县教育局'])).toContain(
      '与已有的“某某县教育局”几乎相同（只差空格或全角字符）',
    );
    expect(agencyNameWarnings('某某县教育局', ['某某县财政局'])).toEqual([]);
    expect(compactName('ＡＢ 局')).toBe('ab局');
  });

  it('plans a pasted list: created, refused (exists, repeated, bad characters), warned', () => {
    const text =
      '某某县财政局\r\n\r\n某某县司法局\t某某县民政局\n某某县司法局\n某某县/审计局\n某某县 教育局\n某某县 民政局\n';
    const plan = planAgencies(text, ['某某县财政局'], ['某某县财政局', '某某县教育局']);
    expect(plan.map((p) => [p.line, p.name, p.refused])).toEqual([
      [1, '某某县财政局', '该上级下已有同名机关'],
      [3, '某某县司法局', null],
      [3, '某某县民政局', null],
      [4, '某某县司法局', '与第 3 行重复'],
      [5, '某某县/审计局', '名称不能包含“/”“\\”或控制字符'],
      [6, '某某县 教育局', null],
      [7, '某某县 民政局', '与第 3 行的“某某县民政局”几乎相同（只差空格或全角字符）'],
    ]);
    expect(plan[5]!.warnings).toHaveLength(2);
  });
});

describe('planUsers', () => {
  const agencies = [
    { id: 'a1', name: '某某县司法局' },
    { id: 'a2', name: '某某县财政局' },
    { id: 'a3', name: '某某镇人民政府' },
    { id: 'a4', name: '某某镇人民政府' },
  ];
  it('reads 用户名/姓名/角色/所属机关 columns and refuses what cannot be created', () => {
    const text = [
      '用户名\t姓名\t角色\t所属机关',
      'sifa\t张三\t填报人\t某某县司法局',
      'caizheng\t李四\t\t某某县 财政局',
      'Admin\t王五\t管理员\t',
      'SIFA\t赵六\t填报人\t某某县司法局',
      'shenhe\t钱七\t审核人\t某某县人民政府',
      'zhen\t孙八\t填报人\t某某镇人民政府',
      'li si\t周九\t填报人\t某某县财政局',
      'wu\t\t填报人\t某某县财政局',
      'x\t吴十\t主任\t某某县财政局',
      'guanli\t郑一\t管理员\t某某县财政局',
    ].join('\n');
    const plan = planUsers(text, agencies, ['admin']);
    expect(plan.map((p) => [p.username, p.role, p.agencyId, p.refused])).toEqual([
      ['sifa', 'filler', 'a1', null],
      ['caizheng', 'filler', 'a2', null],
      ['Admin', 'admin', null, '用户名已被使用'],
      ['SIFA', 'filler', null, '与第 2 行的用户名重复'],
      ['shenhe', 'reviewer', null, '没有名为“某某县人民政府”的机关'],
      ['zhen', 'filler', null, '有 2 个机关都叫“某某镇人民政府”：请逐个新建'],
      ['li si', 'filler', null, '用户名不能含空格'],
      ['wu', 'filler', null, '缺少姓名（第二列）'],
      ['x', null, null, '不认识的角色“主任”（应为填报人、审核人或管理员）'],
      ['guanli', 'admin', null, null],
    ]);
    expect(plan[9]!.warnings).toEqual([
      '将新建管理员：可管理全部机关、用户和检查规则',
      '管理员不属于某个机关：所填机关不用',
    ]);
    expect(plan[1]!.warnings).toEqual(['按“某某县财政局”处理']);
  });
});

describe('generatePassword', () => {
  it('gives 3 groups of 4 with lower and upper case and a digit, none of 0 O 1 l I', () => {
    for (let i = 0; i < 200; i++) {
      const p = generatePassword();
      expect(p).toMatch(/^[a-zA-Z2-9]{4}-[a-zA-Z2-9]{4}-[a-zA-Z2-9]{4}$/);
      expect(p).toMatch(/[a-z]/);
      expect(p).toMatch(/[A-Z]/);
      expect(p).toMatch(/[0-9]/);
      expect(p).not.toMatch(/[01OlI]/);
    }
    expect(new Set(Array.from({ length: 50 }, () => generatePassword())).size).toBe(50);
  });
});

describe('accountsCsv', () => {
  it('is a UTF-8 CSV with a BOM that Excel opens as text', () => {
    const csv = accountsCsv([
      {
        username: 'sifa',
        displayName: '张三, 司法',
        role: 'filler',
        agencyName: '某某县司法局',
        password: 'k7Mq-x3Pd-r9wA',
      },
      { username: '=cmd', displayName: '李四', role: 'reviewer', agencyName: '某某县', password: 'p' },
    ]);
    expect(csv).toBe(
      '\ufeff用户名,姓名,角色,所属机关,初始密码\r\nsifa,"张三, 司法",填报人,某某县司法局,k7Mq-x3Pd-r9wA\r\n\'=cmd,李四,审核人,某某县,p\r\n',
    );
  });
});

describe('where pasted agencies go by default', () => {
  const n = (id: string, kind: string, level: string, children: TreeNode[] = []): TreeNode => ({
    id,
    kind,
    level,
    children,
  });
  it('the county just made; the 县 under its only 省 and 市; the top level when there is no single root', () => {
    expect(likelyParent([n('county', '人民政府', '县级')])).toBe('county');
    const county = n('xian', '人民政府', '县级', [
      n('town', '人民政府', '乡镇级'),
      n('edu', '政府部门', '县级'),
    ]);
    expect(likelyParent([n('sheng', '人民政府', '省级', [n('shi', '人民政府', '市级', [county])])])).toBe(
      'xian',
    );
    expect(likelyParent([])).toBe('');
    expect(likelyParent([county, n('other', '人民政府', '县级')])).toBe('');
  });
  it('never a township or a department, even when it is the only child', () => {
    expect(likelyParent([n('xian', '人民政府', '县级', [n('town', '人民政府', '乡镇级')])])).toBe('xian');
    expect(likelyParent([n('xian', '人民政府', '县级', [n('edu', '政府部门', '县级')])])).toBe('xian');
  });
});

describe('a pasted user naming an unknown agency', () => {
  const region = [
    { id: 'x', name: '示例县人民政府' },
    { id: 'e', name: '示例县教育局' },
    { id: 'c', name: '示例县财政局' },
    { id: 't', name: '东山镇人民政府' },
    { id: 'w', name: '西河乡人民政府' },
  ];
  it('is told the nearest names: without 人民政府, without the county prefix, a slip of a character', () => {
    expect(nearestAgencies('东山镇', region)).toEqual(['东山镇人民政府']);
    expect(nearestAgencies('东山镇政府', region)).toEqual(['东山镇人民政府']);
    expect(nearestAgencies('示例县东山镇', region)).toEqual(['东山镇人民政府']);
    expect(nearestAgencies('教育局', region)).toEqual(['示例县教育局']);
    expect(nearestAgencies('示例县教育厅', region)).toEqual(['示例县教育局']);
    expect(nearestAgencies('示例县公安局', region)).toEqual([]);
    // A county is not its bureau, nor a township a character away.
    expect(nearestAgencies('示例县', region)).toEqual(['示例县人民政府']);
    expect(nearestAgencies('示例镇人民政府', region)).toEqual([]);
  });
  it('in the preview: the line refused, the names suggested', () => {
    const [p] = planUsers('dongshan\t张三\t填报人\t东山镇 政府', region, []);
    expect(p!.refused).toBe('没有名为“东山镇 政府”的机关。是不是：“东山镇人民政府”？');
    expect(p!.suggestions).toEqual(['东山镇人民政府']);
    expect(planUsers('ga\t李四\t填报人\t示例县公安局', region, [])[0]!.refused).toBe(
      '没有名为“示例县公安局”的机关',
    );
  });
});

describe('replaceCell', () => {
  it('replaces one cell of one pasted line, the other lines and their line ends as they were', () => {
    const text = '用户名\t姓名\t角色\t所属机关\r\nds\t张三\t填报人\t东山镇\r\n\r\nxh\t李四';
    expect(replaceCell(text, 2, 3, '东山镇人民政府')).toBe(
      '用户名\t姓名\t角色\t所属机关\r\nds\t张三\t填报人\t东山镇人民政府\r\n\r\nxh\t李四',
    );
    expect(replaceCell(text, 4, 3, '西河乡人民政府')).toBe(
      '用户名\t姓名\t角色\t所属机关\r\nds\t张三\t填报人\t东山镇\r\n\r\nxh\t李四\t\t西河乡人民政府',
    );
    expect(replaceCell(text, 9, 3, 'x')).toBe(text);
  });
});
