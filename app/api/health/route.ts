import { NextResponse } from "next/server";
import { health } from "@/lib/services/health";

/** Liveness for load balancers and the e2e runner: the database answers and the mode is known. */
export async function GET() {
  try {
    return NextResponse.json(await health());
  } catch (e) {
    console.error("[health]", e);
    return NextResponse.json({ ok: false, message: "The database is not reachable." }, { status: 503 });
  }
}
