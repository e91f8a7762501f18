import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

/**
 * Observability guard: every route handler in app/ goes through lib/route.ts `logged()`, so each request writes one
 * structured log line with its request id (and echoes `x-request-id`). A handler exported any other way (a plain
 * `export async function GET`, a re-export) would be invisible in the logs.
 */

const ROOT = path.resolve(__dirname, "../..");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(p);
    return /^route\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

it("finds the route handlers (the guard below looks at something)", () => {
  expect(routeFiles(path.join(ROOT, "app")).length).toBeGreaterThan(10);
});

it("every exported HTTP method of every route handler is wrapped in logged()", () => {
  const offenders: string[] = [];
  for (const file of routeFiles(path.join(ROOT, "app"))) {
    const src = readFileSync(file, "utf8");
    const rel = path.relative(ROOT, file);
    for (const m of METHODS) {
      if (new RegExp(`export\\s+(async\\s+)?function\\s+${m}\\b`).test(src)) offenders.push(`${rel}: function ${m}`);
      if (new RegExp(`export\\s*\\{[^}]*\\bas\\s+${m}\\b`).test(src)) offenders.push(`${rel}: re-exported ${m}`);
      if (new RegExp(`export\\s+const\\s*\\{[^}]*\\b${m}\\b`).test(src)) offenders.push(`${rel}: destructured ${m}`);
      const decl = new RegExp(`export\\s+const\\s+${m}\\s*=\\s*([^;]*)`).exec(src);
      if (decl && !/^logged\(/.test(decl[1].trim())) offenders.push(`${rel}: const ${m} is not logged(...)`);
    }
  }
  expect(offenders).toEqual([]);
});
