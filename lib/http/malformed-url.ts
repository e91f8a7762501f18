/**
 * A request path that cannot be percent-decoded (`/stories/%E0%A4%A`, `/stories/%ZZ`) would make Next's router
 * fail with a 500. proxy.ts calls this first and answers 400 instead. Pure: usable from the proxy runtime.
 */
export function isMalformedPath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

export function malformedUrlResponse(url: string): Response | null {
  const pathname = url.replace(/^[a-z]+:\/\/[^/]+/i, "").replace(/[?#].*$/, "");
  if (!isMalformedPath(pathname)) return null;
  return new Response(JSON.stringify({ message: "This address is malformed." }), {
    status: 400,
    headers: { "content-type": "application/json" },
  });
}
