/**
 * `npm run build:standalone` (after `next build`): completes `.next/standalone` into what a Node host or the
 * Docker image runs, with no dev dependencies:
 * - `public/` and `.next/static/` copied in (Next leaves them out: a CDN may serve them instead);
 * - `migrate.mjs`: scripts/migrate.ts bundled with esbuild, drizzle-orm included (Next bundles it into its chunks,
 *   so it is not in the standalone node_modules); the drivers pg and PGlite stay external (they are there);
 * - `start.sh`: migrations first, then `exec node server.js`.
 * Migrations (lib/db/migrations) and the demo videos are traced into the folder by next.config.mjs.
 */
import { cpSync, existsSync, chmodSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const out = path.join(root, ".next/standalone");
if (!existsSync(path.join(out, "server.js"))) {
  console.error(`${out}/server.js is missing: run \`next build\` first (next.config.mjs sets output: "standalone").`);
  process.exit(1);
}

cpSync(path.join(root, "public"), path.join(out, "public"), { recursive: true });
cpSync(path.join(root, ".next/static"), path.join(out, ".next/static"), { recursive: true });
await build({
  entryPoints: [path.join(root, "scripts/migrate.ts")],
  outfile: path.join(out, "migrate.mjs"),
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  external: ["pg", "pg-native", "@electric-sql/pglite"],
  logLevel: "warning",
  tsconfig: path.join(root, "tsconfig.json"),
});
cpSync(path.join(root, "scripts/standalone/start.sh"), path.join(out, "start.sh"));
chmodSync(path.join(out, "start.sh"), 0o755);
console.log(`standalone server ready in ${path.relative(root, out)}: cd there and run ./start.sh`);
