import type { RouterOutputs } from '../trpc';

export type AgencyNode = RouterOutputs['agencies']['tree'][number];
export type AgencyRow = { node: AgencyNode; depth: number };
export type UserRow = RouterOutputs['users']['list'][number];

/** The tree as rows, each with its depth (for selects and the indented list). */
export function flatten(nodes: readonly AgencyNode[], depth = 0): AgencyRow[] {
  return nodes.flatMap((n) => [{ node: n, depth }, ...flatten(n.children, depth + 1)]);
}

export function AgencySelect(props: {
  rows: readonly AgencyRow[];
  name: string;
  value: string;
  onChange: (id: string) => void;
  empty: string;
}) {
  return (
    <select
      id={props.name}
      name={props.name}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
    >
      <option value="">{props.empty}</option>
      {props.rows.map(({ node, depth }) => (
        <option key={node.id} value={node.id}>
          {'　'.repeat(depth)}
          {node.name}
        </option>
      ))}
    </select>
  );
}
