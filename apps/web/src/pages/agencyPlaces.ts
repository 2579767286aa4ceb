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

/** An agency's ancestors' names, the top first (示例省人民政府, 安平县人民政府). */
export type Places = ReadonlyMap<string, readonly { id: string; name: string }[]>;

export function placesOf(tree: readonly PlaceNode[]): Places {
  const out = new Map<string, { id: string; name: string }[]>();
  const walk = (n: PlaceNode, up: { id: string; name: string }[]) => {
    out.set(n.id, up);
    const next = [...up, { id: n.id, name: n.name }];
    for (const c of n.children) walk(c, next);
  };
  for (const r of tree) walk(r, []);
  return out;
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
      [...(places.get(i.agencyId ?? '') ?? [])].reverse().map((p) => placeName(p.name));
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

/** The agency's parent (its county's government, for a township), or null when unknown. */
export function parentOf(agencyId: string | undefined, places: Places): { id: string; name: string } | null {
  return places.get(agencyId ?? '')?.at(-1) ?? null;
}

/**
 * Items county by county: by the names of their places from the top, then by name — so the four
 * 城关镇人民政府 of a city are each among their own county's agencies, not four in a row.
 */
export function byPlace<T extends Named>(items: readonly T[], places: Places): T[] {
  // a county's government just before its own agencies, then the next county
  const key = (i: T) => [...(places.get(i.agencyId ?? '') ?? []).map((p) => p.name), i.agencyName];
  return [...items].sort((a, b) => {
    const pa = key(a);
    const pb = key(b);
    for (let k = 0; k < Math.min(pa.length, pb.length); k++) {
      const c = pa[k]!.localeCompare(pb[k]!, 'zh-CN');
      if (c) return c;
    }
    return pa.length - pb.length;
  });
}
