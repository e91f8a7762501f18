import { expect, it } from "vitest";
import { deploymentProblems } from "@/lib/deploy-check";

it("says what to set on Vercel without a key or a database, and nothing elsewhere", () => {
  expect(deploymentProblems({ NODE_ENV: "production" })).toEqual([]);
  const problems = deploymentProblems({ NODE_ENV: "production", VERCEL: "1" });
  expect(problems).toHaveLength(2);
  expect(problems[0]).toMatch(/VIMMERSE_API_KEY is not set/);
  expect(problems[1]).toMatch(/DATABASE_URL is not set/);
  expect(
    deploymentProblems({ NODE_ENV: "production", VERCEL: "1", VIMMERSE_API_KEY: "k", DATABASE_URL: "postgres://db/x" }),
  ).toEqual([]);
});
