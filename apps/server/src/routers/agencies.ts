import {
  ADMIN_LEVELS,
  type AdminLevel,
  AGENCY_KINDS,
  AgencySchema,
  cityLevel,
  inferAgency,
} from '@nianbao/core';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { type AgencyRow, canManageUnder, canRead, getAgency, likePrefix, readableAgency } from '../access.js';
import { audit } from '../audit.js';
import { newId, now } from '../auth.js';
import { lockWithin } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { fail, forbidden, notFound } from '../errors.js';
import { authedProcedure, router } from '../trpc.js';

export interface AgencyNode {
  id: string;
  parentId: string | null;
  name: string;
  kind: string | null;
  level: string | null;
  regionCode: string | null;
  children: AgencyNode[];
}

const toNode = (a: AgencyRow): AgencyNode => ({
  id: a.id,
  parentId: a.parent_id,
  name: a.name,
  kind: a.kind,
  level: a.level,
  regionCode: a.region_code,
  children: [],
});

/** Nest rows into trees; a row whose parent is not in the set is a root. */
export function buildTree(rows: readonly AgencyRow[]): AgencyNode[] {
  const nodes = new Map(rows.map((r) => [r.id, toNode(r)]));
  const roots: AgencyNode[] = [];
  for (const r of [...rows].sort(
    (a, b) => a.path.length - b.path.length || a.name.localeCompare(b.name, 'zh-CN'),
  )) {
    const n = nodes.get(r.id)!;
    const parent = r.parent_id ? nodes.get(r.parent_id) : undefined;
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  return roots;
}

/** A Han character, or CJK punctuation and full-width forms (（）、·): what Chinese names are written in. */
const CJK = '\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef';
const SPACE_BY_CJK = new RegExp(`(?<=[${CJK}])\\s+|\\s+(?=[${CJK}])`, 'gu');

/**
 * Characters that show nothing and join or break nothing a reader sees: zero-width space, non-joiner
 * and joiner, word joiner, soft hyphen, BOM, Mongolian vowel separator. Pasted from a web page
 * inside a name, 「示例县\u200B教育局」 looked like 示例县教育局 and was created beside it.
 */
const INVISIBLE = /[\u00ad\u180e\u200b-\u200d\u2060\ufeff]/g;

/**
 * An agency's name as it is written: no invisible character (INVISIBLE), no space beside a Chinese
 * character (「示例县 教育局」, pasted from a spreadsheet with a stray or full-width space, is
 * 示例县教育局, and so the same agency as the one already there: AGENCY_EXISTS), any other run of
 * spaces one space (「XX  CBD管委会」 is 「XX CBD管委会」).
 */
export const agencyName = (name: string): string =>
  name.replace(INVISIBLE, '').replace(SPACE_BY_CJK, '').replace(/\s+/g, ' ').trim();

/**
 * An agency's name: it goes into file names (exports) and headers, so no path separator (/ \) and no
 * control character, no bidirectional override (「某局\u202Efdp.exe」 would show a file name reversed) —
 * a name such as "../../etc/某局" is a mistake or an attack, never an agency.
 */
const Name = AgencySchema.shape.name.pipe(
  z
    .string()
    .max(100, { error: '机关名称过长' })
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
    .refine((name) => !/[/\\\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(name), {
      error: '机关名称不能包含“/”“\\”或控制字符（换行、制表符、U+202E 等文字方向控制符）',
    })
    .transform(agencyName)
    // Nothing but invisible characters is no name.
    .pipe(z.string().min(1, { error: '机关名称不能为空' })),
);

/** The lock agencies.create, edit and remove take (db/connect.ts lockWithin). */
const AGENCIES_LOCK = 'nianbao:agencies';

export const agenciesRouter = router({
  /** The region tree the caller may see: 管理员 all; 审核人 their node and below; 填报人 their agency. */
  tree: authedProcedure.query(async ({ ctx }) => {
    const db = ctx.store.db;
    const u = ctx.user;
    let q = db.selectFrom('agencies').selectAll();
    if (u.role === 'filler') q = q.where('id', '=', u.agencyId ?? '');
    else if (u.role === 'reviewer')
      q = u.agencyPath ? q.where('path', 'like', likePrefix(u.agencyPath)) : q.where('id', '=', '');
    return buildTree(await q.execute());
  }),

  get: authedProcedure.input(z.strictObject({ id: z.string().min(1) })).query(async ({ ctx, input }) => {
    const a = await readableAgency(ctx.store.db, ctx.user, input.id);
    // Ancestors by name, for breadcrumbs (only ids on the path).
    const ids = a.path.split('/').filter(Boolean);
    const ancestors = await ctx.store.db
      .selectFrom('agencies')
      .select(['id', 'name'])
      .where('id', 'in', ids)
      .execute();
    const byId = new Map(ancestors.map((x) => [x.id, x.name]));
    return {
      ...toNode(a),
      path: ids.map((id) => ({ id, name: byId.get(id) ?? '' })),
    };
  }),

  /** New agency under a parent (管理员 anywhere, also a root; 审核人 under their node). Kind and level default from the name. */
  create: authedProcedure
    .input(
      z.strictObject({
        parentId: z.string().min(1).nullable(),
        name: Name,
        kind: z.enum(AGENCY_KINDS).optional(),
        level: z.enum(ADMIN_LEVELS).optional(),
        regionCode: AgencySchema.shape.regionCode,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      // The checks and the insert in one transaction, under the agencies' lock: two creates of one
      // name at once (a double click, a retried request) made two 「甲县林业局」 under one parent, and
      // a create racing a move of its parent stored a path under the parent's old place.
      const row = await ctx.store.db.transaction().execute(async (db) => {
        await lockWithin(db, ctx.store.dialect, AGENCIES_LOCK);
        const parent = input.parentId ? ((await getAgency(db, input.parentId)) ?? null) : null;
        if (input.parentId && (!parent || !canRead(ctx.user, parent)))
          notFound('上级机关', { parentId: input.parentId });
        if (!canManageUnder(ctx.user, parent))
          forbidden(parent ? `无权在${parent.name}下新建机关` : '只有管理员可以新建顶级机关');
        await refuseSibling(db, parent, input.name);
        const inferred = inferAgency(input.name);
        refuseUnder(parent, input.kind ?? inferred.kind);
        // A department is at the level of the government it belongs to (示例县人民政府 → its 委员会 are 县级).
        const parentLevel =
          parent?.kind === '人民政府' && (input.kind ?? inferred.kind) === '政府部门' ? parent.level : null;
        const kind = input.kind ?? inferred.kind;
        let level: string | null = input.level ?? inferred.level ?? parentLevel ?? null;
        // A department's or unit's level read from its name is a guess (「甲镇社区服务中心」 read as 县级 for
        // its 区): never above its parent's. A government's name says its level: checked as chosen.
        if (
          input.level === undefined &&
          kind !== '人民政府' &&
          kind !== '街道办事处' &&
          (rank(level) ?? 0) > (rank(parent?.level) ?? 9)
        )
          level = parent!.level;
        checkClass({ name: input.name, kind, level, levelGuessed: input.level === undefined, parent });
        const id = newId();
        const row: AgencyRow = {
          id,
          parent_id: parent?.id ?? null,
          path: `${parent?.path ?? '/'}${id}/`,
          name: input.name,
          kind,
          level,
          region_code: input.regionCode ?? null,
          created_at: now(),
        };
        await db.insertInto('agencies').values(row).execute();
        return row;
      });
      await audit(ctx, ctx.user, {
        action: 'agencies.create',
        targetType: 'agency',
        targetId: row.id,
        target: row.name,
        details: { parentId: row.parent_id, kind: row.kind, level: row.level, regionCode: row.region_code },
      });
      return toNode(row);
    }),

  /**
   * Rename, reclassify or move an agency (reports keep pointing at it by id). A name must be unique
   * under its parent; a move (`parentId`, null for the top) takes the agency's whole subtree along
   * and never goes into that subtree.
   */
  edit: authedProcedure
    .input(
      z.strictObject({
        id: z.string().min(1),
        name: Name.optional(),
        kind: z.enum(AGENCY_KINDS).optional(),
        level: z.enum(ADMIN_LEVELS).nullable().optional(),
        regionCode: AgencySchema.shape.regionCode.nullable(),
        parentId: z.string().min(1).nullable().optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      // Read, checked and written in one transaction under the agencies' lock: two moves at once
      // (A under B, B under A) each checked the other's old place and made a cycle; a move read the
      // subtree's old path while another move changed it.
      const { a, set } = await ctx.store.db.transaction().execute(async (db) => {
        await lockWithin(db, ctx.store.dialect, AGENCIES_LOCK);
        const a = await readableAgency(db, ctx.user, input.id);
        const parent = a.parent_id ? ((await getAgency(db, a.parent_id)) ?? null) : null;
        if (!canManageUnder(ctx.user, parent)) forbidden(`无权修改${a.name}`);
        let target = parent;
        if (input.parentId !== undefined && input.parentId !== a.parent_id) {
          target = input.parentId ? ((await getAgency(db, input.parentId)) ?? null) : null;
          if (input.parentId && (!target || !canRead(ctx.user, target)))
            notFound('上级机关', { parentId: input.parentId });
          if (!canManageUnder(ctx.user, target))
            forbidden(target ? `无权把机关移到${target.name}下` : '只有管理员可以把机关移为顶级机关');
          if (target?.path.startsWith(a.path))
            fail('BAD_REQUEST', 'AGENCY_MOVE_INTO_ITSELF', `不能把${a.name}移到它自己或它的下级机关之下`, {
              id: a.id,
              parentId: target.id,
            });
        }
        const name = input.name ?? a.name;
        if (name !== a.name || target?.id !== parent?.id) await refuseSibling(db, target, name, a.id);
        // A new name tells what nothing told before: 「test」 renamed 「某某县林业局」 is a 县级 政府部门.
        // Only what is unknown is filled in (其他, no level); a kind or level chosen is kept.
        if (input.name !== undefined && input.name !== a.name) {
          const guess = inferAgency(input.name);
          if (input.kind === undefined && a.kind === '其他' && guess.kind !== '其他') input.kind = guess.kind;
          if (input.level === undefined && a.level === null && guess.level) input.level = guess.level;
        }
        const moved = target?.id !== parent?.id;
        // (An agency left where it was may keep its place: only a move or a new kind is checked.)
        if (moved || input.kind !== undefined) refuseUnder(target, input.kind ?? a.kind);
        // Its name, kind and level as they will be, checked when any of them or its place changes.
        if (moved || input.name !== undefined || input.kind !== undefined || input.level !== undefined) {
          const level = input.level !== undefined ? input.level : a.level;
          checkClass({ name, kind: input.kind ?? a.kind, level, levelGuessed: false, parent: target });
          if (input.level !== undefined && level) await refuseChildAbove(db, a, level);
        }
        const set: Partial<AgencyRow> = {};
        if (input.name !== undefined) set.name = input.name;
        if (input.kind !== undefined) set.kind = input.kind;
        if (input.level !== undefined) set.level = input.level;
        if (input.regionCode !== undefined) set.region_code = input.regionCode;
        const path = `${target?.path ?? '/'}${a.id}/`;
        if (moved) {
          set.parent_id = target?.id ?? null;
          // The subtree's paths: the old prefix replaced by the new one.
          const below = await db
            .selectFrom('agencies')
            .select(['id', 'path'])
            .where('path', 'like', likePrefix(a.path))
            .where('id', '!=', a.id)
            .execute();
          for (const b of below)
            await db
              .updateTable('agencies')
              .set({ path: path + b.path.slice(a.path.length) })
              .where('id', '=', b.id)
              .execute();
          set.path = path;
        }
        if (Object.keys(set).length)
          await db.updateTable('agencies').set(set).where('id', '=', a.id).execute();
        return { a, set };
      });
      // Before and after, by the API's names (parentId, not parent_id), of what the edit set.
      const api = (r: Partial<AgencyRow>) => ({
        ...('name' in r ? { name: r.name } : {}),
        ...('parent_id' in r ? { parentId: r.parent_id } : {}),
        ...('kind' in r ? { kind: r.kind } : {}),
        ...('level' in r ? { level: r.level } : {}),
        ...('region_code' in r ? { regionCode: r.region_code } : {}),
      });
      const { path: _path, ...changed } = set;
      const was = Object.fromEntries(Object.keys(changed).map((k) => [k, a[k as keyof AgencyRow]]));
      await audit(ctx, ctx.user, {
        action: 'agencies.edit',
        targetType: 'agency',
        targetId: a.id,
        target: a.name,
        details: { before: api(was), after: api(changed) },
      });
      return toNode({ ...a, ...set });
    }),

  /**
   * Delete an agency made by mistake: only one with nothing under it, no user and no report (an
   * agency that has reported is kept, with its history).
   */
  remove: authedProcedure
    .input(z.strictObject({ id: z.string().min(1) }))
    .mutation(async ({ ctx, input }) => {
      // Under the agencies' lock: no agency is created under it between the check and the delete.
      const a = await ctx.store.db.transaction().execute(async (db) => {
        await lockWithin(db, ctx.store.dialect, AGENCIES_LOCK);
        const a = await readableAgency(db, ctx.user, input.id);
        const parent = a.parent_id ? ((await getAgency(db, a.parent_id)) ?? null) : null;
        if (!canManageUnder(ctx.user, parent)) forbidden(`无权删除${a.name}`);
        const [children, users, reports] = await Promise.all([
          db.selectFrom('agencies').select('id').where('parent_id', '=', a.id).execute(),
          db.selectFrom('users').select('id').where('agency_id', '=', a.id).execute(),
          db.selectFrom('reports').select('id').where('agency_id', '=', a.id).execute(),
        ]);
        if (children.length || users.length || reports.length)
          fail(
            'CONFLICT',
            'AGENCY_IN_USE',
            `${a.name}${[
              children.length ? `下有 ${children.length} 个机关` : '',
              users.length ? `有 ${users.length} 个用户` : '',
              reports.length ? `有 ${reports.length} 份报告` : '',
            ]
              .filter(Boolean)
              .join('、')}，不能删除（可改名或移到别处）`,
            { children: children.length, users: users.length, reports: reports.length },
          );
        await db.deleteFrom('agencies').where('id', '=', a.id).execute();
        return a;
      });
      await audit(ctx, ctx.user, {
        action: 'agencies.remove',
        targetType: 'agency',
        targetId: a.id,
        target: a.name,
        details: { parentId: a.parent_id },
      });
      return { ok: true as const };
    }),
});

/** No two agencies of one name under one parent (`except`: the agency being renamed or moved). */
async function refuseSibling(
  db: Kysely<Database>,
  parent: AgencyRow | null,
  name: string,
  except?: string,
): Promise<void> {
  let q = db
    .selectFrom('agencies')
    .select('id')
    .where('name', '=', name)
    .where((eb) => (parent ? eb('parent_id', '=', parent.id) : eb('parent_id', 'is', null)));
  if (except) q = q.where('id', '!=', except);
  const sibling = await q.executeTakeFirst();
  if (sibling)
    fail(
      'CONFLICT',
      'AGENCY_EXISTS',
      `同一上级下已有名为“${name}”的机关：请换一个名称，或在已有的机关下操作`,
      { id: sibling.id },
    );
}

/** A people's government or a 街道办事处 does not belong under a government department. */
function refuseUnder(parent: AgencyRow | null, kind: string | null | undefined): void {
  if (parent?.kind === '政府部门' && (kind === '人民政府' || kind === '街道办事处'))
    fail(
      'BAD_REQUEST',
      'AGENCY_WRONG_PARENT',
      `${kind}不能设在政府部门（${parent.name}）之下：请放在上级人民政府之下`,
      { parentId: parent.id, kind },
    );
}

/** 国务院部门 above 省级 above 市级 above 县级 above 乡镇级. */
const RANK: Record<AdminLevel, number> = { 国务院部门: 5, 省级: 4, 市级: 3, 县级: 2, 乡镇级: 1 };
const rank = (level: string | null | undefined): number | undefined =>
  level ? RANK[level as AdminLevel] : undefined;

/** A 管委会 (开发区、新区) is sometimes entered as a government: its name does not forbid it. */
const COMMITTEE = /(管理委员会|管委会)$/;

/**
 * An agency's kind and level as its name says them (core's inferAgency, the same reading that fills
 * them in when they are not given) and as its parent allows: a 「…镇人民政府」 is a 乡镇级 人民政府, a
 * 「…街道办事处」 a 乡镇级 街道办事处, a 「…县人民政府」 县级; a department is no 人民政府; nothing is
 * above its parent. Deadline and money rules (F1–F3, T2-3, T2-4) go by kind and level: a wrong one
 * gives wrong findings, so it is refused with what to choose instead.
 */
function checkClass(x: {
  name: string;
  kind: string | null;
  level: string | null;
  /** The level was not chosen but read from the name or the parent (the message says so). */
  levelGuessed: boolean;
  parent: AgencyRow | null;
}): void {
  const inferred = inferAgency(x.name);
  if ((inferred.kind === '人民政府' || inferred.kind === '街道办事处') && x.kind !== inferred.kind)
    fail(
      'BAD_REQUEST',
      'AGENCY_KIND_CONTRADICTS_NAME',
      `“${x.name}”是${inferred.kind}，类型应选“${inferred.kind}”（现为“${x.kind ?? '未填'}”）`,
      { field: 'kind', expected: [inferred.kind], kind: x.kind },
    );
  if (
    inferred.kind === '政府部门' &&
    (x.kind === '人民政府' || x.kind === '街道办事处') &&
    !COMMITTEE.test(x.name)
  )
    fail(
      'BAD_REQUEST',
      'AGENCY_KIND_CONTRADICTS_NAME',
      `“${x.name}”看名称是政府部门，类型不能是“${x.kind}”：请选“政府部门”（或“其他”）`,
      { field: 'kind', expected: ['政府部门', '其他'], kind: x.kind },
    );
  // A government's level is its place's: 镇/乡/街道 乡镇级, 县/区/旗 县级, 省 省级. A 「某某市」 core does
  // not know may be a 县级市: 市级 or 县级.
  if ((x.kind === '人民政府' || x.kind === '街道办事处') && inferred.level && x.level) {
    const allowed: AdminLevel[] =
      inferred.level === '市级' && !cityLevel(x.name) ? ['市级', '县级'] : [inferred.level];
    if (!allowed.includes(x.level as AdminLevel))
      fail(
        'BAD_REQUEST',
        'AGENCY_LEVEL_CONTRADICTS_NAME',
        `“${x.name}”的层级应为${allowed.map((l) => `“${l}”`).join('或')}${allowed.length > 1 ? '（县级市为县级）' : ''}（现为“${x.level}”）：请改选${allowed.map((l) => `“${l}”`).join('或')}`,
        { field: 'level', expected: allowed, level: x.level },
      );
  }
  const own = rank(x.level);
  const above = rank(x.parent?.level);
  if (own !== undefined && above !== undefined && own > above) {
    const lower = (Object.keys(RANK) as AdminLevel[]).filter((l) => RANK[l] <= above);
    fail(
      'BAD_REQUEST',
      'AGENCY_LEVEL_ABOVE_PARENT',
      `${x.levelGuessed ? `按名称推断“${x.name}”的层级为“${x.level}”，` : `层级“${x.level}”`}高于上级机关${x.parent!.name}的“${x.parent!.level}”：请在“层级”中选${lower.map((l) => `“${l}”`).join('、')}${lower.length > 1 ? '之一' : ''}，或把它放在相应层级的上级机关之下`,
      {
        field: 'level',
        level: x.level,
        parentId: x.parent!.id,
        parentLevel: x.parent!.level,
        expected: lower,
      },
    );
  }
}

/** An agency's new level is not below one of the agencies under it. */
async function refuseChildAbove(db: Kysely<Database>, a: AgencyRow, level: string): Promise<void> {
  const own = rank(level)!;
  const children = await db
    .selectFrom('agencies')
    .select(['id', 'name', 'level'])
    .where('parent_id', '=', a.id)
    .execute();
  const child = children.find((c) => (rank(c.level) ?? 0) > own);
  if (child)
    fail(
      'BAD_REQUEST',
      'AGENCY_LEVEL_BELOW_CHILD',
      `${a.name}的下级机关${child.name}是“${child.level}”，${a.name}的层级不能低于它：请选“${child.level}”或更高的层级，或先修改${child.name}的层级`,
      { field: 'level', level, childId: child.id, childLevel: child.level },
    );
}
