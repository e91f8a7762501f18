import { defineConfig } from "drizzle-kit";

/** `npm run db:generate -- --name <change>` writes SQL migrations from lib/db/schema.ts into lib/db/migrations. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/schema.ts",
  out: "./lib/db/migrations",
  ...(process.env.DATABASE_URL ? { dbCredentials: { url: process.env.DATABASE_URL } } : {}),
});
