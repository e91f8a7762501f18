/**
 * Runs a command against a PostgreSQL database of its own: creates it on the server of TEST_DATABASE_URL, applies
 * the migrations (as `npm run db:migrate` does), runs the command with E2E_DATABASE_URL set, and drops it after,
 * whatever the command did.  Usage: `npx tsx scripts/with-test-database.ts -- npx playwright test ...`
 */
import { spawnSync } from "node:child_process";
import pg from "pg";
import { runMigrations } from "../lib/db/migrate";
import { openDatabase } from "../lib/db/open";

async function main() {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) throw new Error("TEST_DATABASE_URL is not set.");
  const command = process.argv.slice(process.argv.indexOf("--") + 1);
  const name = `sb_e2e_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  let status = 1;
  try {
    const { db, close } = await openDatabase({ url: url.toString(), migrate: false });
    const { applied } = await runMigrations(db);
    await close();
    console.log(`[test-db] ${name}: applied ${applied.length} migration(s)`);
    const result = spawnSync(command[0], command.slice(1), {
      stdio: "inherit",
      env: { ...process.env, E2E_DATABASE_URL: url.toString() },
    });
    status = result.status ?? 1;
  } finally {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  }
  process.exit(status);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
