import { test as setup } from "@playwright/test";
import { OWNER_STATE, WEBHOOK_APP_PORT } from "../playwright.config";
import { firstRunSignUp, signIn } from "./accounts";

/**
 * Accounts are always on: once per run, the first visitor of each fresh app creates the owner account and the
 * first workspace, and the session is saved for every other spec (the `chromium` project's storageState).
 */
setup("first run: the first visitor creates the owner account", async ({ page, baseURL }) => {
  await firstRunSignUp(page, baseURL!);
  // On PostgreSQL (E2E_DATABASE_URL) both apps share the database: the owner exists already and just signs in.
  if (process.env.E2E_DATABASE_URL) await signIn(page, `http://127.0.0.1:${WEBHOOK_APP_PORT}`);
  else await firstRunSignUp(page, `http://127.0.0.1:${WEBHOOK_APP_PORT}`);
  await page.context().storageState({ path: OWNER_STATE });
});
