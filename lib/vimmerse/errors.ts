/**
 * Typed errors of the Vimmerse client. NOT server-only: the browser receives `toSafeError(e)` and may import the
 * types. Nothing here knows the API key; the client scrubs upstream text with `redactSecret` before it gets here.
 */

export const VIMMERSE_ERROR_KINDS = [
  "bad_request",
  "unauthorized",
  "forbidden",
  "insufficient_credit",
  "not_found",
  "validation",
  "rate_limited",
  "server",
  "timeout",
  "network",
  "invalid_response",
  "invalid_input",
] as const;
export type VimmerseErrorKind = (typeof VIMMERSE_ERROR_KINDS)[number];

export type FieldError = { field: string; message: string };

export type VimmerseErrorInit = {
  /** Technical message for logs (never the key, never a URL carrying the key). Defaults to the user message. */
  message?: string;
  userMessage?: string;
  status?: number;
  fieldErrors?: FieldError[];
  retryAfterSeconds?: number;
  outcomeUnknown?: boolean;
  /** Upstream error code or message, e.g. "INSUFFICIENT_CREDIT". */
  upstreamMessage?: string;
  cause?: unknown;
};

export class VimmerseError extends Error {
  readonly kind: VimmerseErrorKind;
  readonly status?: number;
  readonly fieldErrors: FieldError[];
  readonly retryAfterSeconds?: number;
  /**
   * true when the request may have reached Vimmerse and may still be running (timeouts, dropped connections,
   * gateway timeouts, unreadable success answers). The app must not resend a paid call automatically: check the
   * story status first.
   */
  readonly outcomeUnknown: boolean;
  /** Plain-language sentence for the person using the app: what happened and what to do. */
  readonly userMessage: string;
  readonly upstreamMessage?: string;

  constructor(kind: VimmerseErrorKind, init: VimmerseErrorInit = {}) {
    const fieldErrors = init.fieldErrors ?? [];
    const userMessage =
      init.userMessage ??
      defaultUserMessage(kind, {
        fieldErrors,
        retryAfterSeconds: init.retryAfterSeconds,
        outcomeUnknown: init.outcomeUnknown ?? false,
        upstreamMessage: init.upstreamMessage,
      });
    super(init.message ?? userMessage, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "VimmerseError";
    this.kind = kind;
    this.status = init.status;
    this.fieldErrors = fieldErrors;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
    this.userMessage = userMessage;
    this.upstreamMessage = init.upstreamMessage;
  }
}

export function isVimmerseError(e: unknown): e is VimmerseError {
  return (
    e instanceof VimmerseError ||
    (typeof e === "object" &&
      e !== null &&
      (e as { name?: unknown }).name === "VimmerseError" &&
      typeof (e as { kind?: unknown }).kind === "string" &&
      Array.isArray((e as { fieldErrors?: unknown }).fieldErrors))
  );
}

function listFields(fieldErrors: FieldError[], max = 5): string {
  const parts = fieldErrors.slice(0, max).map((f) => (f.field ? `${f.field} (${f.message})` : f.message));
  if (fieldErrors.length > max) parts.push(`and ${fieldErrors.length - max} more`);
  return parts.join("; ");
}

/** A short upstream message worth showing (not a bare code like BAD_REQUEST, not HTML, not a wall of text). */
function showable(upstream: string | undefined): string | undefined {
  if (!upstream) return undefined;
  const t = upstream.trim();
  if (!t || t.length > 200 || /^[A-Z0-9_]+$/.test(t) || /<[a-z!/]/i.test(t)) return undefined;
  return t.replace(/[.\s]+$/, "");
}

function defaultUserMessage(
  kind: VimmerseErrorKind,
  ctx: { fieldErrors: FieldError[]; retryAfterSeconds?: number; outcomeUnknown: boolean; upstreamMessage?: string },
): string {
  switch (kind) {
    case "bad_request": {
      const detail = showable(ctx.upstreamMessage);
      return detail
        ? `Vimmerse could not accept this request: ${detail}. Check the inputs and try again.`
        : "Vimmerse could not accept this request. Check the inputs and try again.";
    }
    case "unauthorized":
    case "forbidden":
      return "Vimmerse rejected the API key. Check VIMMERSE_API_KEY on the server.";
    case "insufficient_credit":
      return "Your Vimmerse account is out of credits. Add credits in your Vimmerse account, then try again.";
    case "not_found":
      return "Vimmerse could not find this story. It may have been deleted or belong to another API key.";
    case "validation":
      return ctx.fieldErrors.length
        ? `Vimmerse did not accept some fields: ${listFields(ctx.fieldErrors)}. Fix them and try again.`
        : "Vimmerse did not accept some fields. Check the inputs and try again.";
    case "rate_limited":
      return ctx.retryAfterSeconds !== undefined && ctx.retryAfterSeconds > 0
        ? `Vimmerse is busy (rate or concurrency limit). Wait ${formatWait(ctx.retryAfterSeconds)} and try again.`
        : "Vimmerse is busy (rate or concurrency limit). Wait a minute and try again.";
    case "server":
      return ctx.outcomeUnknown
        ? "Vimmerse had a problem on its side and the request may still be running. Your work is saved; check the story status in a few minutes before trying again."
        : "Vimmerse had a problem on its side. Your work is saved; try again in a few minutes.";
    case "timeout":
      return "Vimmerse did not answer in time. The request may still be running; check the story status before trying again.";
    case "network":
      return ctx.outcomeUnknown
        ? "The connection to Vimmerse was lost. The request may still be running; check the story status before trying again."
        : "Could not reach Vimmerse. Check the server's internet connection (and VIMMERSE_BASE_URL), then try again.";
    case "invalid_response":
      return ctx.outcomeUnknown
        ? "Vimmerse sent an answer the app could not read. The request may have gone through; check the story status before trying again."
        : "Vimmerse sent an answer the app could not read. Try again in a few minutes.";
    case "invalid_input":
      return ctx.fieldErrors.length
        ? `Some fields are not valid: ${listFields(ctx.fieldErrors)}. Nothing was sent to Vimmerse.`
        : "Some fields are not valid. Nothing was sent to Vimmerse.";
  }
}

function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

// ---------------------------------------------------------------------------------------------------------------
// HTTP error mapping

type HeadersLike = Headers | Record<string, string | string[] | undefined> | undefined | null;

function headerValue(headers: HeadersLike, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (k.toLowerCase() === lower) return Array.isArray(v) ? v[0] : v;
  }
  return undefined;
}

/** Retry-After as whole seconds (delta-seconds or an HTTP date); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.ceil(Number(v));
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

const LOCATION_PREFIXES = new Set(["body", "query", "path", "form"]);

/** FastAPI `detail[]` -> field errors; `loc` without its leading "body"/"query" joined with ".". */
export function fieldErrorsFromDetail(detail: unknown): FieldError[] {
  if (!Array.isArray(detail)) return [];
  const out: FieldError[] = [];
  for (const item of detail) {
    if (typeof item === "string") {
      out.push({ field: "", message: item });
      continue;
    }
    if (!item || typeof item !== "object") continue;
    const rec = item as Record<string, unknown>;
    const loc = Array.isArray(rec.loc) ? rec.loc.map((p) => String(p)) : [];
    if (loc.length > 0 && LOCATION_PREFIXES.has(loc[0])) loc.shift();
    const message =
      typeof rec.msg === "string" ? rec.msg : typeof rec.message === "string" ? rec.message : "is not valid";
    out.push({ field: loc.join("."), message });
  }
  return out;
}

/** Error bodies seen: {"message": "..."}, {"detail": [...]}, {"detail": "..."}, {"error": "..."}, text, HTML. */
function describeBody(body: unknown): { upstreamMessage?: string; fieldErrors: FieldError[]; snippet?: string } {
  if (body === null || body === undefined) return { fieldErrors: [] };
  if (typeof body === "string") {
    const text = body.trim();
    if (!text) return { fieldErrors: [] };
    const isHtml = /^<!doctype|^<html|<body|<head/i.test(text);
    const snippet = isHtml ? "(HTML page)" : text.replace(/\s+/g, " ").slice(0, 200);
    return { fieldErrors: [], snippet, upstreamMessage: isHtml ? undefined : snippet };
  }
  if (typeof body !== "object" || Array.isArray(body)) {
    return { fieldErrors: fieldErrorsFromDetail(body), snippet: JSON.stringify(body)?.slice(0, 200) };
  }
  const rec = body as Record<string, unknown>;
  const fieldErrors = fieldErrorsFromDetail(rec.detail);
  let upstreamMessage: string | undefined;
  for (const key of ["message", "detail", "error", "error_message", "msg"]) {
    const v = rec[key];
    if (typeof v === "string" && v.trim()) {
      upstreamMessage = v.trim();
      break;
    }
    if (v && typeof v === "object" && !Array.isArray(v) && typeof (v as { message?: unknown }).message === "string") {
      upstreamMessage = String((v as { message: string }).message).trim();
      break;
    }
  }
  return { upstreamMessage, fieldErrors, snippet: upstreamMessage?.slice(0, 200) };
}

function kindForStatus(status: number): VimmerseErrorKind {
  if (status === 400) return "bad_request";
  if (status === 401) return "unauthorized";
  if (status === 402) return "insufficient_credit";
  if (status === 403) return "forbidden";
  if (status === 404 || status === 410) return "not_found";
  if (status === 408) return "timeout";
  if (status === 422) return "validation";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "server";
  if (status >= 300 && status < 400) return "invalid_response";
  return "bad_request";
}

/** Gateway answers after which the upstream may still be working on the request. */
const OUTCOME_UNKNOWN_STATUSES = new Set([502, 504, 520, 522, 524]);

export type ToVimmerseErrorOptions = {
  /** e.g. "POST /story/{id}/videos", for the technical message. */
  endpoint?: string;
};

/**
 * Maps a non-2xx answer to a VimmerseError. `body` is the parsed JSON body when it was JSON, else the raw text.
 * The caller must already have removed any secret from `body`.
 */
export function toVimmerseError(
  status: number,
  body: unknown,
  headers?: HeadersLike,
  options: ToVimmerseErrorOptions = {},
): VimmerseError {
  const { upstreamMessage, fieldErrors, snippet } = describeBody(body);
  let kind = kindForStatus(status);
  const code = upstreamMessage?.toUpperCase();
  // The message code wins when it is more specific than the status (e.g. a 400 carrying INSUFFICIENT_CREDIT).
  if (code === "INSUFFICIENT_CREDIT" || code === "INSUFFICIENT_CREDITS") kind = "insufficient_credit";
  else if (code === "NOT_FOUND" && status < 500) kind = "not_found";
  if (kind === "bad_request" && fieldErrors.length > 0) kind = "validation";

  const retryAfterSeconds = parseRetryAfter(headerValue(headers, "retry-after"));
  const outcomeUnknown = kind === "timeout" ? true : OUTCOME_UNKNOWN_STATUSES.has(status);
  const where = options.endpoint ? `${options.endpoint} ` : "";
  const details = fieldErrors.length ? listFields(fieldErrors) : snippet;
  const message = `Vimmerse ${where}answered ${status}${details ? `: ${details}` : ""}`;

  let userMessage: string | undefined;
  if (kind === "invalid_response") {
    userMessage = `Vimmerse answered with a redirect (${status}). Check VIMMERSE_BASE_URL on the server.`;
  }
  return new VimmerseError(kind, {
    message,
    userMessage,
    status,
    fieldErrors,
    retryAfterSeconds: kind === "rate_limited" || kind === "server" ? retryAfterSeconds : undefined,
    outcomeUnknown,
    upstreamMessage,
  });
}

/** Replaces every occurrence of `secret` in `text`. Secrets shorter than 4 characters are not searched for. */
export function redactSecret<T>(value: T, secret: string | undefined): T {
  if (!secret || secret.length < 4) return value;
  if (typeof value === "string") return value.split(secret).join("[redacted]") as T;
  if (Array.isArray(value)) return value.map((v) => redactSecret(v, secret)) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[redactSecret(k, secret)] = redactSecret(v, secret);
    return out as T;
  }
  return value;
}

// ---------------------------------------------------------------------------------------------------------------
// Input errors and the browser-safe form

type ZodLikeIssue = { path: readonly PropertyKey[]; message: string };

export function fieldErrorsFromIssues(issues: readonly ZodLikeIssue[]): FieldError[] {
  return issues.map((i) => ({ field: i.path.map((p) => String(p)).join("."), message: i.message }));
}

export function invalidInputError(issues: readonly ZodLikeIssue[], endpoint?: string): VimmerseError {
  const fieldErrors = fieldErrorsFromIssues(issues);
  return new VimmerseError("invalid_input", {
    message: `Invalid input${endpoint ? ` for ${endpoint}` : ""}: ${listFields(fieldErrors, 10)}`,
    fieldErrors,
  });
}

export type SafeVimmerseError = {
  kind: VimmerseErrorKind;
  message: string;
  fieldErrors: FieldError[];
  outcomeUnknown: boolean;
  retryAfterSeconds?: number;
};

function isZodErrorLike(e: unknown): e is { issues: ZodLikeIssue[] } {
  return (
    typeof e === "object" &&
    e !== null &&
    (e as { name?: unknown }).name === "ZodError" &&
    Array.isArray((e as { issues?: unknown }).issues)
  );
}

/**
 * Plain, serialisable error for the browser: the user message, never a stack, a key, a URL or an upstream body.
 * Unknown errors are reported conservatively (outcome unknown: do not resend a paid call automatically).
 */
export function toSafeError(e: unknown): SafeVimmerseError {
  if (isVimmerseError(e)) {
    const out: SafeVimmerseError = {
      kind: e.kind,
      message: e.userMessage,
      fieldErrors: e.fieldErrors.map((f) => ({ field: f.field, message: f.message })),
      outcomeUnknown: e.outcomeUnknown,
    };
    if (e.retryAfterSeconds !== undefined) out.retryAfterSeconds = e.retryAfterSeconds;
    return out;
  }
  if (isZodErrorLike(e)) {
    const err = invalidInputError(e.issues);
    return { kind: err.kind, message: err.userMessage, fieldErrors: err.fieldErrors, outcomeUnknown: false };
  }
  return {
    kind: "server",
    message:
      "Something went wrong while talking to Vimmerse. Your work is saved; check the story status before trying again.",
    fieldErrors: [],
    outcomeUnknown: true,
  };
}
