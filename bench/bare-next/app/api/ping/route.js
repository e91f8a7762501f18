// The baseline of bench/status.ts: a bare Next route handler (no database, no session), built on its own.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ ok: true, at: Date.now() }, { headers: { "Cache-Control": "no-store" } });
}
