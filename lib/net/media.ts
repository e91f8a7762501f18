import "server-only";
import { mediaHosts, publicBaseUrl, vimmerseConnection } from "@/lib/config";
import { getStorage, isStorageKey } from "@/lib/storage";
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

/**
 * Fetches a media URL that came from outside, under mediaFetchPolicy(). An image uploaded to this studio
 * (`<any origin>/api/uploads/<key>`, e.g. http://localhost:3000/... without APP_PUBLIC_URL) is read from the
 * storage module instead of over the network (the key is validated; no other host is contacted for it).
 */
export async function fetchMedia(url: string, init?: SafeFetchInit): Promise<Response> {
  const own = await ownUpload(url);
  if (own) return own;
  return safeFetch(demoDirect(url), mediaFetchPolicy(), init);
}

async function ownUpload(url: string): Promise<Response | null> {
  let key: string | undefined;
  try {
    key = /^\/api\/uploads\/([^/]+)$/.exec(new URL(url).pathname)?.[1];
  } catch {
    return null;
  }
  if (!isStorageKey(key)) return null;
  const file = await getStorage().get(key);
  if (!file) return null;
  return new Response(file.bytes as BodyInit, { headers: { "content-type": file.contentType } });
}

/** Demo mode: a simulator media URL routed through this app (/api/demo-media) is fetched from the simulator. */
function demoDirect(url: string): string {
  const conn = vimmerseConnection();
  const app = publicBaseUrl();
  const routed = `${app}/api/demo-media/media/`;
  if (!conn.demo || !app || !url.startsWith(routed)) return url;
  return `${conn.baseUrl}/media/${url.slice(routed.length)}`;
}
