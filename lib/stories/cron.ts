import "server-only";
import { timingSafeEqual } from "node:crypto";
import { cronSecret } from "@/lib/config";

/** Whether a cron call may run: CRON_SECRET unset -> "disabled"; else the bearer token must match (constant time). */
export function cronAuthorization(header: string | null): "ok" | "denied" | "disabled" {
  const secret = cronSecret();
  if (!secret) return "disabled";
  const given = Buffer.from(header ?? "");
  const expected = Buffer.from(`Bearer ${secret}`);
  return given.length === expected.length && timingSafeEqual(given, expected) ? "ok" : "denied";
}
