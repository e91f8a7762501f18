/**
 * Reading a request body with a hard cap: a declared Content-Length above the cap is refused before reading
 * anything; otherwise bytes are counted while streaming and reading stops (the stream is cancelled) as soon as
 * the cap is passed, so a huge body is never held in memory.
 */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The body is larger than ${limit} bytes.`);
    this.name = "BodyTooLargeError";
  }
}

export async function readTextCapped(req: Request, limit: number): Promise<string> {
  return new TextDecoder().decode(await readBytesCapped(req, limit));
}

/** The same for a request or a response, as bytes (e.g. an image fetched for the PDF). */
export async function readBytesCapped(req: Request | Response, limit: number): Promise<Buffer> {
  const declared = req.headers.get("content-length");
  if (declared && /^\d+$/.test(declared) && Number(declared) > limit) throw new BodyTooLargeError(limit);
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
