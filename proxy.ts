import type { NextRequest } from "next/server";
import { NextResponse } from "next/server";
import { malformedUrlResponse } from "@/lib/http/malformed-url";

/**
 * Runs before routing. Bad percent-encoding answers 400 here (Next's router would answer 500).
 * MERGE NOTE: other checks (e.g. auth) go after this one.
 */
export function proxy(request: NextRequest) {
  return malformedUrlResponse(request.url) ?? NextResponse.next();
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.svg).*)"],
};
