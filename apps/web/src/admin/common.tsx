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

/** What a pasted line will do: refused (and why), created only when ticked (its warnings), or created. */
export function LineVerdict(props: {
  plan: { readonly refused?: string | null | undefined; readonly warnings: readonly string[] };
  line: number;
  accepted: ReadonlySet<number>;
  setAccepted: (next: Set<number>) => void;
}) {
  const { plan: p, line: i, accepted } = props;
  if (p.refused) return <span className="error-text">不新建：{p.refused}</span>;
  if (!p.warnings.length) return <>将新建</>;
  return (
    <label className="warn-text">
      <input
        type="checkbox"
        checked={accepted.has(i)}
        onChange={(e) => {
          const next = new Set(accepted);
          if (e.target.checked) next.add(i);
          else next.delete(i);
          props.setAccepted(next);
        }}
      />{' '}
      {p.warnings.join('；')}——仍然新建
    </label>
  );
}
