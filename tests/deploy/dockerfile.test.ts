import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { execForm, last, parseDockerfile, ROOT } from "../support/dockerfile";

/**
 * The Docker image cannot be built here (no daemon, no registry). This guards that the Dockerfile still wraps
 * exactly what CI exercises (e2e/deploy.spec.ts starts `.next/standalone/start.sh`): the runner copies only the
 * standalone folder, runs as a non-root user, starts start.sh and probes /api/health. The same checks against the
 * built folder are in e2e/deploy.spec.ts.
 */

const stages = parseDockerfile(path.join(ROOT, "Dockerfile"));
const runner = stages.at(-1)!;

describe("Dockerfile", () => {
  it("is multi-stage; the runner copies only the build stage's .next/standalone", () => {
    expect(stages.map((s) => s.name)).toEqual(["deps", "build", "runner"]);
    const copies = runner.instructions.filter((i) => i.op === "COPY");
    expect(copies.map((c) => c.args)).toEqual(["--from=build /app/.next/standalone ./"]);
    expect(last(stages[1], "RUN")).toBe("npm run build:standalone");
    expect(JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts["build:standalone"]).toMatch(
      /next build && node scripts\/standalone\/prepare\.mjs/,
    );
  });

  it("runs as a non-root user that owns the data directory", () => {
    const user = last(runner, "USER");
    expect(user).toBeTruthy();
    expect(["root", "0"]).not.toContain(user);
    const env = runner.instructions.filter((i) => i.op === "ENV").map((i) => i.args).join(" ");
    const dataDir = /DATA_DIR=(\S+)/.exec(env)?.[1];
    expect(dataDir).toBeTruthy();
    const volume = execForm(last(runner, "VOLUME")!)[0];
    expect(dataDir!.startsWith(`${volume}/`)).toBe(true);
    expect(runner.instructions.some((i) => i.op === "RUN" && i.args.includes(`chown ${user}:${user} ${volume}`))).toBe(true);
  });

  it("CMD is start.sh, which prepare.mjs copies into the standalone folder and which migrates, then execs node server.js", () => {
    expect(last(runner, "WORKDIR")).toBe("/app");
    expect(execForm(last(runner, "CMD")!)).toEqual(["./start.sh"]);
    const prepare = readFileSync(path.join(ROOT, "scripts/standalone/prepare.mjs"), "utf8");
    expect(prepare).toContain('path.join(root, "scripts/standalone/start.sh"), path.join(out, "start.sh")');
    const start = readFileSync(path.join(ROOT, "scripts/standalone/start.sh"), "utf8");
    expect(start).toMatch(/^node migrate\.mjs$/m);
    expect(start).toMatch(/^exec node server\.js$/m);
  });

  it("HEALTHCHECK probes /api/health on PORT, a route that exists", () => {
    const check = last(runner, "HEALTHCHECK")!;
    expect(check).toMatch(/--start-period=\d+s/);
    expect(execForm(check).join(" ")).toContain("/api/health");
    expect(existsSync(path.join(ROOT, "app/api/health/route.ts"))).toBe(true);
    expect(last(runner, "EXPOSE")).toBe("3000");
    expect(runner.instructions.find((i) => i.op === "ENV")?.args).toContain("PORT=3000");
  });
});

describe("compose.yaml", () => {
  const compose = readFileSync(path.join(ROOT, "compose.yaml"), "utf8");
  it("builds this Dockerfile, waits for PostgreSQL and gives SIGTERM more time than the shutdown timeout", () => {
    expect(compose).toMatch(/^\s+build: \.$/m);
    expect(compose).toMatch(/condition: service_healthy/);
    expect(compose).toMatch(/DATABASE_URL: postgres:\/\//);
    const grace = Number(/stop_grace_period: (\d+)s/.exec(compose)?.[1]);
    expect(grace * 1000).toBeGreaterThan(20_000); // SHUTDOWN_TIMEOUT_MS default
  });
  it("refuses to start without BETTER_AUTH_SECRET instead of starting an app that exits at once", () => {
    expect(compose).toMatch(/BETTER_AUTH_SECRET: \$\{BETTER_AUTH_SECRET:\?[^}]+\}/);
  });
});
