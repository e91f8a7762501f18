import "server-only";
import { mediaHosts, publicBaseUrl, vimmerseConnection } from "@/lib/config";
import { safeFetch, type SafeFetchInit, type SafeFetchPolicy } from "./safe-fetch";

/**
 * The policy for media URLs that came from Vimmerse (or the demo simulator): the configured media hosts, public
 * addresses only; in demo mode the simulator's media paths (directly, or routed through this app's
 * /api/demo-media) are trusted as well.
 */
export function mediaFetchPolicy(): SafeFetchPolicy {
  const conn = vimmerseConnection();
  const trustedPrefixes: string[] = [];
  if (conn.demo) trustedPrefixes.push(`${conn.baseUrl}/media/`);
  return { allowHosts: mediaHosts(), trustedPrefixes, maxRedirects: 3, headersTimeoutMs: 15_000 };
}

/** Fetches a media URL that came from outside, under mediaFetchPolicy(). */
export function fetchMedia(url: string, init?: SafeFetchInit): Promise<Response> {
  return safeFetch(demoDirect(url), mediaFetchPolicy(), init);
}

/** Demo mode: a simulator media URL routed through this app (/api/demo-media) is fetched from the simulator. */
function demoDirect(url: string): string {
  const conn = vimmerseConnection();
  const app = publicBaseUrl();
  const routed = `${app}/api/demo-media/media/`;
  if (!conn.demo || !app || !url.startsWith(routed)) return url;
  return `${conn.baseUrl}/media/${url.slice(routed.length)}`;
}
