/**
 * `npm run db:migrate`: applies pending migrations (lib/db/migrations) to DATABASE_URL, or, when it is unset,
 * to the PGlite directory DATA_DIR (default .data/pglite; the app also migrates PGlite by itself on first use).
 * Reads .env.local and .env like Next does (variables already set win). Exit code 1 on failure.
 * With PGlite, stop the app first: one PGlite directory must never be open in two processes.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { runMigrations } from "../lib/db/migrate";
import { openDatabase, type OpenedDatabase } from "../lib/db/open";

for (const file of [".env.local", ".env"]) {
  if (existsSync(file)) process.loadEnvFile(file);
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparsable DATABASE_URL)";
  }
}

/** The innermost cause (drizzle wraps driver errors in "Failed query: ..."), with its error code. */
function describeError(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length) return describeError(err.errors[0]);
  if (err instanceof Error) {
    if (err.cause instanceof Error || err.cause instanceof AggregateError) return describeError(err.cause);
    const code = (err as { code?: string }).code;
    return `${code && !err.message.includes(code) ? `${code} ` : ""}${err.message || err.name}`;
  }
  return String(err);
}

/** For a failed migration statement: which one (first line, shortened). */
function failedQuery(err: unknown): string {
  if (!(err instanceof Error) || !(err.cause instanceof Error)) return "";
  const first = err.message.split("\n")[0] ?? "";
  return first.length > 200 ? `\n  ${first.slice(0, 200)}...` : first ? `\n  ${first}` : "";
}

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL?.trim() || undefined;
  const dir = path.resolve(process.env.DATA_DIR?.trim() || ".data/pglite");
  const target = url ? `PostgreSQL ${redact(url)}` : `PGlite ${dir}`;
  console.log(`Migrating ${target}`);

  let opened: OpenedDatabase | undefined;
  try {
    opened = url ? await openDatabase({ url }) : await openDatabase({ dataDir: dir });
    if (url) await opened.db.execute("select 1"); // fail early with a connection error, not a migration error
  } catch (err) {
    console.error(`Cannot open ${target}: ${describeError(err)}`);
    await opened?.close().catch(() => {});
    return 1;
  }

  try {
    const result = await runMigrations(opened.db);
    if (result.applied.length) {
      console.log(`Applied ${result.applied.length} migration(s): ${result.applied.join(", ")}`);
    } else {
      console.log(`Already up to date (${result.total} migration(s) in lib/db/migrations).`);
    }
    return 0;
  } catch (err) {
    console.error(`Migration failed on ${target}: ${describeError(err)}${failedQuery(err)}`);
    return 1;
  } finally {
    await opened.close().catch(() => {});
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`Migration failed: ${describeError(err)}`);
    process.exit(1);
  },
);
