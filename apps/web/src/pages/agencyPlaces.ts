/**
 * Where an agency is, for the roll-up's lists and charts: agency names repeat (a 城关镇人民政府 in
 * every county), so a repeated name is said with its place — 「城关镇人民政府 · 安平县」 — and the
 * lists go county by county. The places come from `agencies.tree` (the region the reviewer sees).
 */

/** What the page needs of `agencies.tree`'s nodes. */
export interface PlaceNode {
  readonly id: string;
  readonly name: string;
  readonly children: readonly PlaceNode[];
}

export interface Place {
  readonly id: string;
  readonly name: string;
}

/**
 * Each agency's ancestors, the top first (示例省人民政府, 安平县人民政府), and which agencies have
 * agencies under them (a county's government heads its county's group).
 */
export interface Places {
  readonly up: ReadonlyMap<string, readonly Place[]>;
  readonly heads: ReadonlySet<string>;
}

export function placesOf(tree: readonly PlaceNode[]): Places {
  const up = new Map<string, Place[]>();
  const heads = new Set<string>();
  const walk = (n: PlaceNode, above: Place[]) => {
    up.set(n.id, above);
    if (n.children.length) heads.add(n.id);
    const next = [...above, { id: n.id, name: n.name }];
    for (const c of n.children) walk(c, next);
  };
  for (const r of tree) walk(r, []);
  return { up, heads };
}

/** A government's name as a place: 安平县人民政府 → 安平县, 西河街道办事处 → 西河街道. */
export const placeName = (name: string): string =>
  name.replace(/人民政府$/, '').replace(/办事处$/, '') || name;

export interface Named {
  readonly key: string;
  readonly agencyId?: string | undefined;
  readonly agencyName: string;
}

/**
 * Each item's name as shown: the name alone where it is the only agency of that name in the list,
 * else with as many of its places as make it distinct, nearest first —
 * 「城关镇人民政府 · 安平县」, 「城关镇人民政府 · 安平县 · 衡水市」 when two 安平县 are in the list.
 * An agency whose place is unknown (not in the tree the reviewer sees) keeps its name.
 */
export function qualifiedNames(items: readonly Named[], places: Places): Map<string, string> {
  const agencies = new Map<string, Set<string>>();
  for (const i of items) {
    const set = agencies.get(i.agencyName) ?? new Set<string>();
    set.add(i.agencyId || `report:${i.key}`);
    agencies.set(i.agencyName, set);
  }
  const out = new Map<string, string>();
  const byName = new Map<string, Named[]>();
  for (const i of items) {
    if ((agencies.get(i.agencyName)?.size ?? 0) < 2) out.set(i.key, i.agencyName);
    else byName.set(i.agencyName, [...(byName.get(i.agencyName) ?? []), i]);
  }
  for (const [name, same] of byName) {
    const up = (i: Named) =>
      [...(places.up.get(i.agencyId ?? '') ?? [])].reverse().map((p) => placeName(p.name));
    const depth = Math.max(0, ...same.map((i) => up(i).length));
    // the fewest places that tell the agencies of this name apart (all of them if none does)
    let k = 1;
    for (; k < depth; k++) {
      const seen = new Map<string, string>();
      const clash = same.some((i) => {
        const label = up(i).slice(0, k).join(' · ');
        const id = i.agencyId || i.key;
        const other = seen.get(label);
        seen.set(label, id);
        return other !== undefined && other !== id;
      });
      if (!clash) break;
    }
    for (const i of same) {
      const p = up(i).slice(0, k);
      out.set(i.key, p.length ? `${name} · ${p.join(' · ')}` : name);
    }
  }
  return out;
}

/**
 * The group an agency is listed in, as the places from the top: its county (headed by the county's
 * government), or for a government with agencies under it its own — so 安平县人民政府 heads the
 * 安平县 group, not the city's. Null when its place is unknown.
 */
export function groupOf(
  agency: { readonly agencyId?: string | undefined; readonly agencyName: string },
  places: Places,
): Place[] | null {
  const id = agency.agencyId ?? '';
  const up = places.up.get(id);
  if (!up) return null;
  return places.heads.has(id) ? [...up, { id, name: agency.agencyName }] : [...up];
}

/** The head of an agency's group (安平县人民政府 for its 城关镇 and for itself), or null. */
export function groupHead(
  agency: { readonly agencyId?: string | undefined; readonly agencyName: string },
  places: Places,
): Place | null {
  return groupOf(agency, places)?.at(-1) ?? null;
}

/**
 * Items group by group (a county: its government first, then its agencies by name), each group after
 * the one above it — so the four 城关镇人民政府 of a city are each among their own county's agencies,
 * not four in a row. Without places (the tree not loaded) by name, as before.
 */
export function byPlace<T extends Named>(items: readonly T[], places: Places): T[] {
  const key = (i: T) => groupOf(i, places) ?? [];
  const isHead = (i: T) => places.heads.has(i.agencyId ?? '');
  return [...items].sort((a, b) => {
    const pa = key(a);
    const pb = key(b);
    for (let k = 0; k < Math.min(pa.length, pb.length); k++) {
      // by name, and two places of one name apart (by id)
      const c = pa[k]!.name.localeCompare(pb[k]!.name, 'zh-CN') || pa[k]!.id.localeCompare(pb[k]!.id);
      if (c) return c;
    }
    return (
      pa.length - pb.length ||
      Number(isHead(b)) - Number(isHead(a)) ||
      a.agencyName.localeCompare(b.agencyName, 'zh-CN')
    );
  });
}
