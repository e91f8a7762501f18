/**
 * What every server action returns. Shared with the browser: no server imports here.
 */
export type ActionErrorCode =
  | "validation" // the input did not pass the schema; fieldErrors says where
  | "upstream" // Vimmerse refused or failed; message says what to do
  | "conflict" // the storyboard changed since it was loaded
  | "not_found"
  | "busy" // the same step is already running or was already sent
  | "forbidden" // the actor's role does not allow it
  | "unauthenticated" // signed out or the session ended: sign in again
  | "internal"; // a bug or an outage on our side; details are in the server log

export type ActionError = {
  code: ActionErrorCode;
  message: string;
  /** Field path (e.g. "idea", "characters.0.name") -> message. */
  fieldErrors?: Record<string, string>;
  /** For upstream errors: Vimmerse's error kind (insufficient_credit, rate_limited, ...). */
  kind?: string;
  /** The request may have reached Vimmerse (timeout, dropped connection): do not resend blindly. */
  outcomeUnknown?: boolean;
  /** Extra typed payload, e.g. the current storyboard on a conflict. */
  details?: unknown;
};

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };
