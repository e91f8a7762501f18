import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "./schema";

type DbRows<R> = { rows: R[] };

/**
 * Result of `db.execute(sql...)` on either driver: both PGlite's `Results` and pg's `QueryResult` have `rows`
 * (other fields differ between drivers, so only `rows` is promised).
 */
export interface DbQueryResultHKT extends PgQueryResultHKT {
  readonly type: DbRows<this["row"]>;
}

/** A drizzle database with our schema that both the PGlite and the node-postgres instances satisfy. */
export type Db = PgDatabase<DbQueryResultHKT, typeof schema>;
