/**
 * The server's one logger. One line per event:
 * - `LOG_FORMAT=json` (the default in production): a JSON object per line with `time`, `level`, `msg` and, when
 *   known, `requestId`, `route`, `status`, `ms`, `err`, plus any other fields given;
 * - `LOG_FORMAT=pretty` (the default in development and tests): `LEVEL msg key=value ...` for people.
 * Errors go to stderr, the rest to stdout. Not `server-only`: scripts and the simulator may use it too.
 */

export type LogLevel = "debug" | "info" | "warn" | "error";

export type LogFields = {
  requestId?: string;
  route?: string;
  status?: number;
  ms?: number;
  err?: unknown;
  [key: string]: unknown;
};

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function format(): "json" | "pretty" {
  const set = process.env.LOG_FORMAT?.trim().toLowerCase();
  if (set === "json" || set === "pretty") return set;
  return process.env.NODE_ENV === "production" ? "json" : "pretty";
}

function minLevel(): number {
  const set = process.env.LOG_LEVEL?.trim().toLowerCase() as LogLevel | undefined;
  return set && set in ORDER ? ORDER[set] : ORDER.info;
}

/** An error as plain data (message, name, code, stack, innermost cause), safe to serialise. */
export function errorFields(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const out: Record<string, unknown> = { name: err.name, message: err.message };
  const code = (err as { code?: unknown }).code;
  const kind = (err as { kind?: unknown }).kind;
  if (code !== undefined) out.code = code;
  if (kind !== undefined) out.kind = kind;
  if (err.stack) out.stack = err.stack;
  if (err.cause !== undefined) out.cause = errorFields(err.cause);
  return out;
}

function write(level: LogLevel, msg: string, fields: LogFields = {}) {
  if (ORDER[level] < minLevel()) return;
  const { err, ...rest } = fields;
  const record: Record<string, unknown> = { time: new Date().toISOString(), level, msg, ...rest };
  if (err !== undefined) record.err = errorFields(err);
  const stream = level === "error" || level === "warn" ? process.stderr : process.stdout;
  if (format() === "json") {
    let line: string;
    try {
      line = JSON.stringify(record);
    } catch {
      line = JSON.stringify({ time: record.time, level, msg, note: "fields were not serialisable" });
    }
    stream.write(`${line}\n`);
    return;
  }
  const extras = Object.entries(rest)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" ");
  const errText = err === undefined ? "" : `\n${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
  stream.write(`${level.toUpperCase().padEnd(5)} ${msg}${extras ? ` ${extras}` : ""}${errText}\n`);
}

export type Logger = {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds these fields to every line (e.g. requestId and route). */
  child(fields: LogFields): Logger;
};

function make(base: LogFields): Logger {
  return {
    debug: (msg, f) => write("debug", msg, { ...base, ...f }),
    info: (msg, f) => write("info", msg, { ...base, ...f }),
    warn: (msg, f) => write("warn", msg, { ...base, ...f }),
    error: (msg, f) => write("error", msg, { ...base, ...f }),
    child: (f) => make({ ...base, ...f }),
  };
}

export const log: Logger = make({});

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The caller's `x-request-id` when it is a sane token, else a new one. */
export function requestIdFrom(headers: Headers | { get(name: string): string | null } | null | undefined): string {
  const given = headers?.get("x-request-id")?.trim();
  return given && REQUEST_ID.test(given) ? given : globalThis.crypto.randomUUID();
}
