import "server-only";
import { createHash } from "node:crypto";
import { isDomainError, type DomainErrorCode } from "@/lib/stories/errors";

/** Route handlers: a service's typed refusal as an HTTP answer (message only, never data). */
const STATUS: Record<DomainErrorCode, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  busy: 409,
};

export function errorResponse(e: unknown): Response {
  if (isDomainError(e)) return Response.json({ code: e.code, message: e.message }, { status: STATUS[e.code] });
  console.error("[route] unexpected error", e);
  return Response.json({ code: "internal", message: "Something went wrong on our side. Try again in a moment." }, { status: 500 });
}

/** JSON of what `load` returns (never cached), or the refusal. */
export async function jsonOrError(load: () => Promise<unknown>): Promise<Response> {
  try {
    return Response.json(await load(), { headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    return errorResponse(e);
  }
}

/**
 * Like jsonOrError, with a strong ETag of the body: a request whose If-None-Match names it gets an empty 304
 * (the status poll when nothing changed). The tag is a hash of exactly what would be sent, so it cannot be stale.
 */
export async function jsonOrNotModified(req: Request, load: () => Promise<unknown>): Promise<Response> {
  let body: string;
  let etag: string;
  try {
    ({ body, etag } = tagged(await load()));
  } catch (e) {
    return errorResponse(e);
  }
  const headers = { "Cache-Control": "no-store", ETag: etag };
  if (matches(req.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { headers: { ...headers, "Content-Type": "application/json" } });
}

/**
 * The body and its tag. An object answered again (the status poll's remembered answer, lib/services/poll-cache.ts:
 * never changed once made) is serialised and hashed once.
 */
const serialised = new WeakMap<object, { body: string; etag: string }>();

function tagged(value: unknown): { body: string; etag: string } {
  const known = typeof value === "object" && value !== null ? serialised.get(value) : undefined;
  if (known) return known;
  const body = JSON.stringify(value);
  const result = { body, etag: `"${createHash("sha1").update(body).digest("base64url")}"` };
  if (typeof value === "object" && value !== null) serialised.set(value, result);
  return result;
}

function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((t) => t.trim().replace(/^W\//, "") === etag);
}
