import "server-only";

/**
 * Every environment variable the server reads, in one place (documented in README "Configuration").
 */

export const REAL_API_URL = "https://api.vimmerse.net";

declare global {
  var __storyboardSimulator: { url: string } | undefined;
}

export type VimmerseConnection = {
  /** true when no VIMMERSE_API_KEY is set: the app talks to the built-in simulator. */
  demo: boolean;
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
};

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const n = Number.parseInt(raw, 10);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

export function isDemoMode(): boolean {
  return !process.env.VIMMERSE_API_KEY?.trim();
}

/**
 * Where Vimmerse calls go. With a key: VIMMERSE_BASE_URL or the real API. Without: VIMMERSE_BASE_URL when
 * it points at a separately run simulator (tests do this), else the simulator embedded in this process
 * (started by instrumentation.ts).
 */
export function vimmerseConnection(): VimmerseConnection {
  const apiKey = process.env.VIMMERSE_API_KEY?.trim() ?? "";
  const timeoutMs = intFromEnv("VIMMERSE_TIMEOUT_MS", 60_000);
  const configured = process.env.VIMMERSE_BASE_URL?.trim().replace(/\/+$/, "");
  if (apiKey) return { demo: false, baseUrl: configured || REAL_API_URL, apiKey, timeoutMs };
  const embedded = globalThis.__storyboardSimulator?.url;
  return { demo: true, baseUrl: configured || embedded || "http://127.0.0.1:4010", apiKey: "demo-key", timeoutMs };
}

/** Public base URL of this app, used to build webhook URLs. Empty: no webhooks, polling only. */
export function publicBaseUrl(): string {
  return (process.env.APP_PUBLIC_URL ?? "").trim().replace(/\/+$/, "");
}

export function dataDir(): string {
  return process.env.DATA_DIR?.trim() || ".data/pglite";
}

export function databaseUrl(): string | undefined {
  return process.env.DATABASE_URL?.trim() || undefined;
}

/** Minimum seconds between two upstream refreshes of one story, however many people watch it. */
export function refreshIntervalMs(): number {
  return intFromEnv("STATUS_REFRESH_MS", 3_000);
}

// --- Background work and lifecycle (issue 6) ---------------------------------------------------------------------

function nonNegativeIntFromEnv(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const n = Number.parseInt(raw, 10);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

/** How often the Node server runs the sweep (lib/stories/sweep.ts). 0 disables it (use the cron route instead). */
export function sweepIntervalMs(): number {
  return nonNegativeIntFromEnv("SWEEP_INTERVAL_MS", 15_000);
}

/** Bearer secret of GET /api/cron/sweep (Vercel cron sends `Authorization: Bearer $CRON_SECRET`). Empty: disabled. */
export function cronSecret(): string {
  return process.env.CRON_SECRET?.trim() ?? "";
}

/** After a paid request with an unknown outcome, no new paid step of that story before this long (default 2x timeout). */
export function unknownOutcomeGraceMs(): number {
  return nonNegativeIntFromEnv("UNKNOWN_OUTCOME_GRACE_MS", 2 * vimmerseConnection().timeoutMs);
}

/** How long the status poll may reuse a session's actor (lib/auth/actor-cache.ts); 0 turns that cache off. */
export function actorCacheMs(): number {
  return nonNegativeIntFromEnv("ACTOR_CACHE_MS", 5_000);
}

/** How long the status poll's answer is reused per story (lib/services/poll-cache.ts); 0 turns that cache off. */
export function statusCacheMs(): number {
  return nonNegativeIntFromEnv("STATUS_CACHE_MS", 1_000);
}

/** How long the status route waits for a refresh from Vimmerse before answering from the database. */
export function statusRouteBudgetMs(): number {
  return nonNegativeIntFromEnv("STATUS_ROUTE_BUDGET_MS", 1_500);
}

/** Media hosts of the real API (README "Configuration"; documented examples use these). */
export const DEFAULT_MEDIA_HOSTS = ["media.vimmerse.net", "dev-media.vimmerse.net", "distribution.vimmerse.net"];

/**
 * Hosts the server may fetch media from (the final video download): VIMMERSE_MEDIA_HOSTS, comma-separated,
 * exact names or `*.example.com`. In demo mode the simulator's own origin is trusted in addition.
 */
export function mediaHosts(): string[] {
  const raw = process.env.VIMMERSE_MEDIA_HOSTS?.trim();
  if (!raw) return DEFAULT_MEDIA_HOSTS;
  return raw
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
}

// ---------------------------------------------------------------------------------------------------------------
// Accounts (lib/auth)

/** Anyone may create an account (true), or only the first person and invited people (default). */
export function signupOpen(): boolean {
  return process.env.ALLOW_SIGNUP?.trim().toLowerCase() === "true";
}

/** OAuth providers that are configured (client id and secret both set); the others are off. */
export function oauthProviders(): { github?: { clientId: string; clientSecret: string }; google?: { clientId: string; clientSecret: string } } {
  const pair = (id?: string, secret?: string) => (id?.trim() && secret?.trim() ? { clientId: id.trim(), clientSecret: secret.trim() } : undefined);
  return {
    github: pair(process.env.GITHUB_CLIENT_ID, process.env.GITHUB_CLIENT_SECRET),
    google: pair(process.env.GOOGLE_CLIENT_ID, process.env.GOOGLE_CLIENT_SECRET),
  };
}

/** SMTP settings for mailing password-reset links; unset: the owner copies the link from the members page. */
export function smtpConfigured(): boolean {
  return Boolean(process.env.SMTP_HOST?.trim());
}

/** Prefix of the session cookies; set it when several instances share a host name (cookies ignore the port). */
export function authCookiePrefix(): string {
  return process.env.AUTH_COOKIE_PREFIX?.trim() || "better-auth";
}

// ---------------------------------------------------------------------------------------------------------------
// Uploads (lib/storage)

/** Local upload directory: UPLOADS_DIR, else `uploads` beside the embedded database directory (`.data/uploads`). */
export function uploadsDir(): string {
  const explicit = process.env.UPLOADS_DIR?.trim();
  if (explicit) return explicit;
  const parent = dataDir().replace(/[\\/]+$/, "").split(/[\\/]/).slice(0, -1).join("/");
  return `${parent || "."}/uploads`;
}

/**
 * S3-compatible object storage for uploads, when S3_BUCKET is set (then S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY
 * are required; S3_ENDPOINT defaults to AWS's endpoint of S3_REGION, S3_REGION to us-east-1).
 */
export function s3Settings(): {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  publicUrl?: string;
} | null {
  const bucket = process.env.S3_BUCKET?.trim();
  if (!bucket) return null;
  const accessKeyId = process.env.S3_ACCESS_KEY_ID?.trim() ?? "";
  const secretAccessKey = process.env.S3_SECRET_ACCESS_KEY?.trim() ?? "";
  if (!accessKeyId || !secretAccessKey) {
    throw new Error("S3_BUCKET is set but S3_ACCESS_KEY_ID or S3_SECRET_ACCESS_KEY is missing: set both, or unset S3_BUCKET.");
  }
  const region = process.env.S3_REGION?.trim() || "us-east-1";
  const endpoint = (process.env.S3_ENDPOINT?.trim() || `https://s3.${region}.amazonaws.com`).replace(/\/+$/, "");
  const publicUrl = process.env.S3_PUBLIC_URL?.trim().replace(/\/+$/, "") || undefined;
  return { endpoint, bucket, region, accessKeyId, secretAccessKey, publicUrl };
}

// --- Costs before spending (issue 10) ------------------------------------------------------------------------------

/** Paid buttons whose estimate is above this many credits ask for a confirmation first (0: every paid button asks). */
export function creditConfirmThreshold(): number {
  return nonNegativeIntFromEnv("CREDIT_CONFIRM_THRESHOLD", 100);
}
