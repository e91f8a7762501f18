import { test as setup } from "@playwright/test";
import { OWNER_STATE, WEBHOOK_APP_PORT } from "../playwright.config";
import { firstRunSignUp, ownerSignIn } from "./accounts";

/**
 * Accounts are always on: once per run, the first visitor of each fresh app creates the owner account and the
 * first workspace, and the session is saved for every other spec (the `chromium` project's storageState).
 */
setup("first run: the first visitor creates the owner account", async ({ page, baseURL }) => {
  await firstRunSignUp(page, baseURL!);
  // On PostgreSQL both apps share one database: the second one's first run is already over.
  const webhookApp = `http://127.0.0.1:${WEBHOOK_APP_PORT}`;
  if (process.env.E2E_DATABASE_URL) await ownerSignIn(page, webhookApp);
  else await firstRunSignUp(page, webhookApp);
  await page.context().storageState({ path: OWNER_STATE });
});
