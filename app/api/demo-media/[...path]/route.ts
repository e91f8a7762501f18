import { safeFetch } from "@/lib/net/safe-fetch";
import { getSignedIn } from "@/lib/auth/actor";
import { logged } from "@/lib/route";

/**
 * Demo mode with APP_PUBLIC_URL: the embedded simulator's media (images, audio, video) are served through the app,
 * so a browser on another machine can load them. Range requests pass through (video seeking). Only the
 * simulator's /media/ paths can be reached (lib/net checks the final URL).
 */
export const GET = logged("/api/demo-media/[...path]", async (req: Request, ctx: { params: Promise<{ path: string[] }> }) => {
  if (!(await getSignedIn())) return Response.json({ message: "Sign in to see this." }, { status: 401 });
  const sim = globalThis.__storyboardSimulator?.url;
  const { path } = await ctx.params;
  const notFound = () => Response.json({ message: "NOT_FOUND" }, { status: 404 });
  if (!sim || path[0] !== "media" || path.some((p) => p === "" || p === "." || p === ".." || p.includes("\0"))) {
    return notFound();
  }
  const range = req.headers.get("range");
  let upstream: Response;
  try {
    upstream = await safeFetch(
      `${sim}/${path.map(encodeURIComponent).join("/")}${new URL(req.url).search}`,
      { allowHosts: [], trustedPrefixes: [`${sim}/media/`], maxRedirects: 0 },
      { headers: range ? { range } : undefined, signal: req.signal },
    );
  } catch {
    return notFound();
  }
  const headers = new Headers();
  for (const name of ["content-type", "content-length", "content-range", "accept-ranges", "cache-control"]) {
    const value = upstream.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new Response(upstream.body, { status: upstream.status, headers });
}, { quiet: true });
