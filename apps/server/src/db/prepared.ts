import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';
import type { Db } from '../store.js';
import type { Database } from './schema.js';

/**
 * Kysely builds and compiles a query afresh on every call: ~70 µs for a small select, five times
 * what SQLite takes to run it. The queries on every request's path (who is asking, which report,
 * the new version) have a fixed shape, so they are built once per database with placeholders and
 * then run with each call's values, through the same Kysely executor (transactions included).
 *
 * The builder must pass its arguments straight into value positions (`where(col, '=', arg)`,
 * `values({ col: arg })`): an argument used any other way (concatenated, compared, used as a column
 * name or to pick a branch) is caught the first time the query is compiled.
 */
export function prepared<Args extends readonly unknown[], Row>(
  build: (db: Kysely<Database>, ...args: Args) => Compilable<Row>,
): (db: Db, ...args: Args) => Promise<QueryResult<Row>> {
  // One compiled form per database adapter (SQLite and PostgreSQL compile differently).
  const compiled = new WeakMap<object, { query: CompiledQuery<Row>; slots: readonly Slot[] }>();
  return async (db, ...args) => {
    const adapter = db.getExecutor().adapter;
    let c = compiled.get(adapter);
    if (!c) {
      c = compile(db as Kysely<Database>, build, args.length);
      compiled.set(adapter, c);
    }
    const parameters = c.slots.map((s) => (s.arg === undefined ? s.value : args[s.arg]));
    return db.executeQuery<Row>({ ...c.query, parameters });
  };
}

type Slot =
  | { readonly arg: number; readonly value?: undefined }
  | { readonly arg?: undefined; readonly value: unknown };

const MARK = '\u0000nianbao-arg-';

function compile<Args extends readonly unknown[], Row>(
  db: Kysely<Database>,
  build: (db: Kysely<Database>, ...args: Args) => Compilable<Row>,
  arity: number,
): { query: CompiledQuery<Row>; slots: readonly Slot[] } {
  const markers = Array.from({ length: arity }, (_, i) => `${MARK}${i}\u0000`);
  const query = build(db, ...(markers as unknown as Args)).compile();
  const seen = new Set<number>();
  const slots: Slot[] = query.parameters.map((p) => {
    const i = typeof p === 'string' ? markers.indexOf(p) : -1;
    if (i >= 0) {
      seen.add(i);
      return { arg: i };
    }
    if (typeof p === 'string' && p.includes(MARK))
      throw new Error(`prepared query: an argument was changed before it reached the query (${query.sql})`);
    return { value: p };
  });
  if (query.sql.includes(MARK))
    throw new Error(`prepared query: an argument ended up in the SQL text, not as a value (${query.sql})`);
  if (seen.size !== arity)
    throw new Error(
      `prepared query: ${arity - seen.size} argument(s) never reached the query (${query.sql})`,
    );
  return { query, slots };
}
