import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createVimmerseClient, type FetchLike, type VimmerseClientOptions } from "@/lib/vimmerse/client";

export const API_KEY = "sk-test-SECRET-key-0123456789";
export const BASE_URL = "https://api.vimmerse.test";

export function fixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), "utf8");
}

export type Responder = (request: Request) => Response | Promise<Response>;

/** A fetch that records every Request it is given and answers with `respond`. */
export function fakeFetch(respond: Responder = () => json({ data: { id: "story-1", status: "new" } })) {
  const calls: Request[] = [];
  const fetch: FetchLike = async (input, init) => {
    const request = new Request(input, init);
    calls.push(request);
    return respond(request);
  };
  return { fetch, calls };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

export function text(body: string, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { "content-type": "text/plain", ...headers } });
}

export function client(respond?: Responder, options: Partial<VimmerseClientOptions> = {}) {
  const fake = fakeFetch(respond);
  const vimmerse = createVimmerseClient({
    baseUrl: BASE_URL,
    apiKey: API_KEY,
    timeoutMs: 5_000,
    fetch: fake.fetch,
    ...options,
  });
  return { vimmerse, calls: fake.calls };
}

/** The form fields of a urlencoded or multipart request, as name -> all values (strings; files as File). */
export async function formOf(request: Request): Promise<Map<string, FormDataEntryValue[]>> {
  const form = await request.formData();
  const out = new Map<string, FormDataEntryValue[]>();
  for (const [k, v] of form.entries()) out.set(k, [...(out.get(k) ?? []), v]);
  return out;
}

/** Runs `fn` and returns what it threw (fails the test when it does not throw). */
export async function caught(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected the call to throw");
}
