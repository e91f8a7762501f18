/**
 * The domain's own errors. Services throw these; the action layer and route handlers turn them into typed results
 * or HTTP answers. No server imports here, so the browser may share the codes.
 */
export type DomainErrorCode =
  | "validation" // the request cannot be done as asked; the message says what to change
  | "conflict" // the storyboard changed since it was loaded; details carry the current one
  | "not_found"
  | "busy" // a step is running, or the same intention was already sent
  | "forbidden" // the actor's role does not allow it
  | "unauthenticated"; // nobody is signed in (or the session ended)

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly extra: { details?: unknown; fieldErrors?: Record<string, string>; kind?: string } = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
