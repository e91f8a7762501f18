import "server-only";
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { Readable } from "node:stream";
import ipaddr from "ipaddr.js";

/**
 * THE way the server fetches a URL that came from outside (a `video_url` Vimmerse returned, a media path of the
 * demo simulator). Protects against SSRF:
 * - only http(s), no credentials in the URL;
 * - the host must be on an allow-list (exact name or `*.suffix`), or the URL must start with a trusted prefix
 *   (the demo simulator);
 * - unless `allowPrivate`, every address the host name resolves to must be public unicast: loopback, private,
 *   link-local, unique-local, CGNAT, multicast, reserved, IPv4-mapped/translated/6to4/Teredo forms of those are
 *   refused. The check runs inside the socket's DNS lookup, so the address that is connected to is the address
 *   that was checked (no DNS-rebinding window);
 * - redirects are followed by hand (at most `maxRedirects`), each hop checked again;
 * - a timeout covers connect + response headers only; the body streams for as long as it takes.
 */

export type SafeFetchPolicy = {
  /** Host names allowed (lower case), exact or `*.example.com` (any subdomain). */
  allowHosts: readonly string[];
  /** URL prefixes trusted as they are (e.g. the demo simulator `http://127.0.0.1:4010/`), even on loopback. */
  trustedPrefixes?: readonly string[];
  /** Allow private/loopback addresses for allowed hosts (tests, development). Never in production. */
  allowPrivate?: boolean;
  maxRedirects?: number;
  /** Connect + response headers. The body has no overall timeout. */
  headersTimeoutMs?: number;
  /** DNS lookup (tests inject one). Defaults to dns.lookup. */
  lookup?: (hostname: string) => Promise<{ address: string; family: number }[]>;
};

export type UnsafeReason = "scheme" | "credentials" | "host" | "address" | "redirects" | "malformed";

export class UnsafeUrlError extends Error {
  constructor(
    readonly reason: UnsafeReason,
    message: string,
  ) {
    super(message);
    this.name = "UnsafeUrlError";
  }
}

export function isUnsafeUrlError(e: unknown): e is UnsafeUrlError {
  return e instanceof UnsafeUrlError;
}

/** True when this IP literal is not a public unicast address (v4 or v6, mapped forms unwrapped). */
export function isNonPublicAddress(ip: string): boolean {
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    addr = ipaddr.parse(ip.replace(/^\[|\]$/g, "").replace(/%.*$/, ""));
  } catch {
    return true;
  }
  if (addr.kind() === "ipv6") {
    const v6 = addr as ipaddr.IPv6;
    const range = v6.range();
    // ::ffff:a.b.c.d and the translation/tunnel forms embed an IPv4 address: judge that one.
    if (range === "ipv4Mapped" || range === "rfc6145") return isNonPublicAddress(v6.toIPv4Address().toString());
    if (range === "rfc6052" || range === "6to4" || range === "teredo") return true;
    return range !== "unicast";
  }
  return (addr as ipaddr.IPv4).range() !== "unicast";
}

function hostAllowed(hostname: string, allowHosts: readonly string[]): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  return allowHosts.some((pattern) => {
    const p = pattern.trim().toLowerCase();
    if (!p) return false;
    if (p.startsWith("*.")) return host.endsWith(p.slice(1)) && host.length > p.length - 1;
    return host === p;
  });
}

function trusted(url: URL, prefixes: readonly string[] = []): boolean {
  const href = url.href;
  return prefixes.some((p) => {
    try {
      const prefix = new URL(p);
      return prefix.origin === url.origin && href.startsWith(prefix.href);
    } catch {
      return false;
    }
  });
}

export type CheckedUrl = { url: URL; trusted: boolean };

/** The URL-level checks (scheme, credentials, allow-list). The address check happens at connect time. */
export function checkUrl(raw: string | URL, policy: SafeFetchPolicy): CheckedUrl {
  let url: URL;
  try {
    url = new URL(String(raw));
  } catch {
    throw new UnsafeUrlError("malformed", "not a URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UnsafeUrlError("scheme", `scheme ${url.protocol} is not allowed`);
  }
  if (url.username || url.password) throw new UnsafeUrlError("credentials", "URLs with credentials are not allowed");
  if (trusted(url, policy.trustedPrefixes)) return { url, trusted: true };
  if (!hostAllowed(url.hostname.replace(/^\[|\]$/g, ""), policy.allowHosts)) {
    throw new UnsafeUrlError("host", `host ${url.hostname} is not an allowed media host`);
  }
  const literal = url.hostname.replace(/^\[|\]$/g, "");
  if (net.isIP(literal) && !policy.allowPrivate && isNonPublicAddress(literal)) {
    throw new UnsafeUrlError("address", `address ${literal} is not public`);
  }
  return { url, trusted: false };
}

async function defaultLookup(hostname: string) {
  return dns.promises.lookup(hostname, { all: true, verbatim: true });
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/** A socket lookup that refuses the connection when ANY address of the host is not public. */
function guardedLookup(policy: SafeFetchPolicy) {
  const resolve = policy.lookup ?? defaultLookup;
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => {
    resolve(hostname).then(
      (addresses) => {
        if (!addresses.length) return callback(Object.assign(new Error(`${hostname} did not resolve`), { code: "ENOTFOUND" }), "", 0);
        const bad = addresses.find((a) => isNonPublicAddress(a.address));
        if (bad) return callback(new UnsafeUrlError("address", `${hostname} resolves to ${bad.address}, which is not public`), "", 0);
        const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
        const list = wanted.length ? wanted : addresses;
        if (options.all) return callback(null, list);
        callback(null, list[0].address, list[0].family);
      },
      (err: NodeJS.ErrnoException) => callback(err, "", 0),
    );
  };
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** One request, no redirect following. Resolves when the response headers arrived. */
function requestOnce(url: URL, init: SafeFetchInit, policy: SafeFetchPolicy, checkAddress: boolean): Promise<Response> {
  const timeoutMs = policy.headersTimeoutMs ?? 15_000;
  return new Promise<Response>((resolve, reject) => {
    const mod = url.protocol === "https:" ? https : http;
    const req = mod.request(url, {
      method: init.method ?? "GET",
      headers: { "user-agent": "storyboard-studio", ...(init.headers ?? {}) },
      lookup: checkAddress ? (guardedLookup(policy) as unknown as typeof dns.lookup) : undefined,
      // The URL's own literal address bypasses lookup: it was checked in checkUrl.
    });
    let settled = false;
    const fail = (e: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(e);
    };
    const timer = setTimeout(() => {
      fail(Object.assign(new Error(`no response headers within ${timeoutMs} ms`), { name: "TimeoutError" }));
      req.destroy();
    }, timeoutMs);
    const onAbort = () => {
      fail(init.signal?.reason ?? new Error("aborted"));
      req.destroy();
    };
    if (init.signal) {
      if (init.signal.aborted) return onAbort();
      init.signal.addEventListener("abort", onAbort, { once: true });
    }
    req.on("error", fail);
    req.on("response", (res) => {
      if (settled) return res.destroy();
      settled = true;
      clearTimeout(timer);
      const headers = new Headers();
      for (const [name, value] of Object.entries(res.headers)) {
        if (value === undefined) continue;
        for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
      }
      const status = res.statusCode ?? 502;
      res.on("close", () => init.signal?.removeEventListener("abort", onAbort));
      const body = NULL_BODY_STATUSES.has(status) || (init.method ?? "GET") === "HEAD" ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>);
      if (!body) res.resume();
      resolve(new Response(body, { status: status < 200 || status > 599 ? 502 : status, headers }));
    });
    req.end();
  });
}

export type SafeFetchInit = {
  method?: "GET" | "HEAD";
  headers?: Record<string, string>;
  /** Aborts the request and the body (e.g. the caller's own request signal). */
  signal?: AbortSignal;
};

/**
 * GET/HEAD `url` under `policy`. Throws UnsafeUrlError when the URL, an address or a redirect is refused;
 * other errors (DNS, connection, header timeout) as they come. Redirect answers are followed up to
 * `maxRedirects` (3), each target checked like the first URL.
 */
export async function safeFetch(raw: string | URL, policy: SafeFetchPolicy, init: SafeFetchInit = {}): Promise<Response> {
  const max = policy.maxRedirects ?? 3;
  let current = raw;
  for (let hop = 0; ; hop++) {
    const { url, trusted: isTrusted } = checkUrl(current, policy);
    const res = await requestOnce(url, init, policy, !isTrusted && !policy.allowPrivate);
    const location = res.headers.get("location");
    if (res.status < 300 || res.status > 399 || !location) return res;
    await res.body?.cancel().catch(() => undefined);
    if (hop >= max) throw new UnsafeUrlError("redirects", `more than ${max} redirects`);
    current = new URL(location, url);
  }
}
