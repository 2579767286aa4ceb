import { type EditionId, getEdition, type Report } from '@nianbao/core';
import {
  AlignmentType,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalMergeType,
  WidthType,
} from 'docx';

const cell = (
  text: string,
  opts: { columnSpan?: number; rowSpan?: number; vMerge?: 'restart' | 'continue' } = {},
) =>
  new TableCell({
    children: [new Paragraph({ children: [new TextRun(text)], alignment: AlignmentType.CENTER })],
    ...(opts.columnSpan ? { columnSpan: opts.columnSpan } : {}),
    ...(opts.rowSpan ? { rowSpan: opts.rowSpan } : {}),
    ...(opts.vMerge
      ? { verticalMerge: opts.vMerge === 'restart' ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE }
      : {}),
  });

const fmt = (r: Report, id: string): string => {
  const c = r.cells[id];
  if (!c || c.value === null) return c?.raw ?? '';
  return c.raw ?? String(c.value);
};

/** A Word file of a report as staff write it: title, six sections, the three tables. */
export async function reportToDocx(r: Report, opts: { blank?: string[] } = {}): Promise<Uint8Array> {
  const e = getEdition(r.meta.edition as EditionId);
  const blank = new Set(opts.blank ?? []);
  const v = (id: string) => (blank.has(id) ? '' : fmt(r, id));
  const p = (t: string) => new Paragraph({ children: [new TextRun(t)] });
  const children: (Paragraph | Table)[] = [
    p(`${r.meta.agency.name}${r.meta.year}年政府信息公开工作年度报告`),
    p(
      r.preamble ??
        `本报告根据《中华人民共和国政府信息公开条例》编制。统计期限自${r.meta.year}年1月1日起至${r.meta.year}年12月31日止。`,
    ),
    p('一、总体情况'),
    p(r.sections.overview ?? ''),
    p('二、主动公开政府信息情况'),
  ];
  const t2rows: TableRow[] = [];
  for (const b of e.tables.activeDisclosure.blocks) {
    t2rows.push(new TableRow({ children: [cell(b.caption, { columnSpan: 4 })] }));
    t2rows.push(new TableRow({ children: [cell('信息内容'), ...b.columns.map((c) => cell(c.label))] }));
    for (const row of b.rows)
      t2rows.push(
        new TableRow({
          children: [
            cell(row.label),
            ...b.columns.map((c) => cell(v(`activeDisclosure.${row.key}.${c.key}`))),
          ],
        }),
      );
  }
  children.push(new Table({ rows: t2rows, width: { size: 100, type: WidthType.PERCENTAGE } }));
  children.push(p('三、收到和处理政府信息公开申请情况'));
  const apps = e.tables.applications;
  const t3rows: TableRow[] = [
    new TableRow({
      children: [
        cell(apps.cornerNote, { columnSpan: 3, vMerge: 'restart' }),
        cell('申请人情况', { columnSpan: 7 }),
      ],
    }),
    new TableRow({
      children: [
        cell('', { columnSpan: 3, vMerge: 'continue' }),
        cell('自然人'),
        cell('法人或其他组织', { columnSpan: 5 }),
        cell('总计'),
      ],
    }),
    new TableRow({
      children: [
        cell('', { columnSpan: 3, vMerge: 'continue' }),
        cell(''),
        ...apps.columns.slice(1, 6).map((c) => cell(c.label)),
        cell(''),
      ],
    }),
  ];
  let group = '';
  for (const row of apps.rows) {
    if (row.kind === 'group') {
      group = row.label;
      continue;
    }
    const label =
      row.parent && row.parent !== 'results'
        ? [cell(group), cell(row.label)]
        : [cell(row.label, { columnSpan: 2 })];
    t3rows.push(
      new TableRow({
        children: [...label, ...apps.columns.map((c) => cell(v(`applications.${row.key}.${c.key}`)))],
      }),
    );
  }
  children.push(new Table({ rows: t3rows }));
  children.push(p('四、政府信息公开行政复议、行政诉讼情况'));
  const rl = e.tables.reviewLitigation;
  const t4rows: TableRow[] = [
    new TableRow({ children: [cell('行政复议', { columnSpan: 5 }), cell('行政诉讼', { columnSpan: 10 })] }),
    new TableRow({
      children: [
        ...rl.columns.map((c) => cell(c.label)),
        cell('未经复议直接起诉', { columnSpan: 5 }),
        cell('复议后起诉', { columnSpan: 5 }),
      ],
    }),
    new TableRow({
      children: [
        ...rl.columns.map(() => cell('')),
        ...[...rl.columns, ...rl.columns].map((c) => cell(c.label)),
      ],
    }),
    new TableRow({
      children: rl.rows.flatMap((row) =>
        rl.columns.map((c) => cell(v(`reviewLitigation.${row.key}.${c.key}`))),
      ),
    }),
  ];
  children.push(new Table({ rows: t4rows }));
  children.push(
    p('五、存在的主要问题及改进情况'),
    p(r.sections.problems ?? ''),
    p('六、其他需要报告的事项'),
    p(r.sections.other ?? ''),
  );
  const doc = new Document({ sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}
