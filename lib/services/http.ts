import "server-only";
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
