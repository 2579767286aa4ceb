/** agencies.tree as the server answers it for a small region: 西河县人民政府 (gov) and one township under it (town). */
export const countyTree = [
  {
    id: 'gov',
    parentId: null,
    name: '西河县人民政府',
    kind: '人民政府',
    level: '县级',
    regionCode: null,
    children: [
      {
        id: 'town',
        parentId: 'gov',
        name: '西河县河口镇人民政府',
        kind: '人民政府',
        level: '乡镇级',
        regionCode: null,
        children: [],
      },
    ],
  },
];

/** One node of agencies.tree: a county department unless `kind`/`level` say otherwise. */
export const agencyNode = (id: string, name: string, children: unknown[] = [], kind = '政府部门') => ({
  id,
  parentId: null,
  name,
  kind,
  level: '县级',
  regionCode: null,
  children,
});
