import { existsSync } from "node:fs";
import { execSync } from "node:child_process";
import { defineConfig, devices } from "@playwright/test";

/**
 * e2e runs the production build (`npm run build` first) against a simulator process of its own, with an
 * embedded database directory of its own, so it never touches your dev data.
 */
const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
/** A second app whose polling almost never reaches Vimmerse, so only a webhook can update its pages. */
export const WEBHOOK_APP_PORT = APP_PORT + 1;
const SIM_PORT = Number(process.env.E2E_SIM_PORT ?? 4100);
export const SIM_URL = `http://127.0.0.1:${SIM_PORT}`;
const runId = process.env.E2E_RUN_ID ?? (process.env.E2E_RUN_ID = `${Date.now()}`);

/** Debian's Chromium when there is one (machines without Playwright's own download), else Playwright's. */
function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const cmd of ["chromium", "chromium-browser"]) {
    try {
      const found = execSync(`command -v ${cmd}`, { stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
      if (found && existsSync(found)) return found;
    } catch {
      /* not installed */
    }
  }
  return undefined;
}

const executablePath = chromiumPath();

/** Signed in as the owner of each app's first workspace (e2e/auth.setup.ts does the first-run sign-up once per run). */
export const OWNER_STATE = `.data/e2e-${runId}/owner.json`;
/** Both apps run in production mode, which needs a secret; separate cookie names since cookies ignore the port. */
const AUTH_SECRET = "e2e-secret-0123456789abcdefghijklmnopqrstuvwxyz";

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://127.0.0.1:${APP_PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--autoplay-policy=no-user-gesture-required",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/, use: { ...devices["Desktop Chrome"], channel: undefined } },
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"], channel: undefined, storageState: OWNER_STATE },
      dependencies: ["setup"],
    },
  ],
  webServer: [
    {
      command: "npx tsx scripts/simulator.ts",
      url: `${SIM_URL}/__sim/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { SIMULATOR_PORT: String(SIM_PORT), SIMULATOR_TIME_SCALE: process.env.E2E_SIM_TIME_SCALE ?? "0.25" },
    },
    {
      command: `npx next start -p ${APP_PORT} -H 127.0.0.1`,
      url: `http://127.0.0.1:${APP_PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        VIMMERSE_BASE_URL: SIM_URL,
        VIMMERSE_API_KEY: "",
        DATA_DIR: `.data/e2e-${runId}/pglite`,
        DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
        STATUS_REFRESH_MS: "400",
        VIMMERSE_TIMEOUT_MS: "8000",
        APP_PUBLIC_URL: `http://127.0.0.1:${APP_PORT}`,
        CRON_SECRET: "e2e-cron-secret",
        BETTER_AUTH_SECRET: AUTH_SECRET,
        AUTH_COOKIE_PREFIX: "e2e-app",
        // Costs before spending: specs making a video with the default model (3 scenes: 120 credits) are not about the
        // confirmation; e2e/costs.spec.ts crosses this threshold on purpose (a dearer model).
        CREDIT_CONFIRM_THRESHOLD: "500",
      },
    },
    {
      command: `npx next start -p ${WEBHOOK_APP_PORT} -H 127.0.0.1`,
      url: `http://127.0.0.1:${WEBHOOK_APP_PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        VIMMERSE_BASE_URL: SIM_URL,
        VIMMERSE_API_KEY: "",
        DATA_DIR: `.data/e2e-${runId}/pglite-webhooks`,
        DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
        STATUS_REFRESH_MS: "600000",
        // Sharing the first app's PostgreSQL database (E2E_DATABASE_URL): its sweep would take the refresh lease for
        // 10 minutes (STATUS_REFRESH_MS above) and stall the first app's stories.
        ...(process.env.E2E_DATABASE_URL ? { SWEEP_INTERVAL_MS: "0" } : {}),
        APP_PUBLIC_URL: `http://127.0.0.1:${WEBHOOK_APP_PORT}`,
        BETTER_AUTH_SECRET: AUTH_SECRET,
        AUTH_COOKIE_PREFIX: "e2e-webhook-app",
        CREDIT_CONFIRM_THRESHOLD: "500",
      },
    },
  ],
});
