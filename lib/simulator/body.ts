import type { IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import type { UploadedFile, ValidationDetail } from "./types";
import { isRecord } from "./util";

/**
 * Request bodies: application/json, application/x-www-form-urlencoded and multipart/form-data, read into one
 * shape. Reading fields is lenient like the real API (FastAPI): numbers and booleans may be strings, nested
 * values may be JSON strings or objects, lists may be repeated fields, arrays or JSON strings.
 */

export type ParsedBody = {
  kind: "json" | "form" | "empty";
  /** Every value of every field, in order. */
  fields: Map<string, unknown[]>;
  files: UploadedFile[];
  /** Set when the body could not be parsed at all (malformed JSON). */
  error?: ValidationDetail;
};

const MAX_BODY = 64 * 1024 * 1024;
/** Fields whose JSON array value means "several values". */
const LIST_FIELDS = new Set(["image_urls", "concat_video_urls", "audio_urls", "image_files"]);

export class BodyTooLarge extends Error {}

async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > MAX_BODY) throw new BodyTooLarge("body too large");
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

function addField(fields: Map<string, unknown[]>, name: string, value: unknown) {
  const key = name.endsWith("[]") ? name.slice(0, -2) : name;
  const list = fields.get(key) ?? [];
  list.push(value);
  fields.set(key, list);
}

export async function parseBody(req: IncomingMessage): Promise<ParsedBody> {
  const fields = new Map<string, unknown[]>();
  const files: UploadedFile[] = [];
  const method = (req.method ?? "GET").toUpperCase();
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") {
    req.resume();
    return { kind: "empty", fields, files };
  }
  const contentType = (req.headers["content-type"] ?? "").toLowerCase();
  const raw = await readRaw(req);
  if (raw.length === 0) return { kind: "empty", fields, files };

  if (contentType.includes("multipart/form-data") || contentType.includes("application/x-www-form-urlencoded")) {
    const request = new Request("http://simulator.local/", {
      method: "POST",
      headers: { "content-type": req.headers["content-type"] ?? "" },
      body: Readable.toWeb(Readable.from([raw])) as ReadableStream,
      duplex: "half",
    } as RequestInit);
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      return {
        kind: "form",
        fields,
        files,
        error: { type: "value_error", loc: ["body"], msg: "There was an error parsing the body", input: null },
      };
    }
    for (const [name, value] of form.entries()) {
      if (typeof value === "string") {
        addField(fields, name, value);
      } else {
        const data = Buffer.from(await value.arrayBuffer());
        files.push({ field: name, name: value.name || "upload", type: value.type || "application/octet-stream", data });
        addField(fields, name, { __file: files.length - 1 });
      }
    }
    return { kind: "form", fields, files };
  }

  // JSON (also the fallback for a missing or unknown content type whose body looks like JSON).
  const text = raw.toString("utf8");
  const looksJson = /^\s*[[{]/.test(text);
  if (contentType.includes("json") || (looksJson && !contentType)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      return {
        kind: "json",
        fields,
        files,
        error: {
          type: "json_invalid",
          loc: ["body", 0],
          msg: "JSON decode error",
          input: {},
          ctx: { error: e instanceof Error ? e.message : "Expecting value" },
        },
      };
    }
    if (!isRecord(parsed)) {
      return {
        kind: "json",
        fields,
        files,
        error: { type: "model_attributes_type", loc: ["body"], msg: "Input should be a valid dictionary or object to extract fields from", input: parsed },
      };
    }
    for (const [name, value] of Object.entries(parsed)) {
      if (Array.isArray(value) && LIST_FIELDS.has(name)) {
        if (value.length === 0) fields.set(name, []);
        for (const v of value) addField(fields, name, v);
      } else {
        addField(fields, name, value);
      }
    }
    return { kind: "json", fields, files };
  }

  // Anything else: try urlencoded text.
  for (const [name, value] of new URLSearchParams(text).entries()) addField(fields, name, value);
  return { kind: "form", fields, files };
}

/** Fields as logged by /__sim/requests: one value, or a list for repeated fields. Files are summarised. */
export function fieldsForLog(body: ParsedBody): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, values] of body.fields) {
    const shown = values.map((v) => (isRecord(v) && typeof v.__file === "number" ? `<file ${body.files[v.__file]?.name ?? ""}>` : v));
    out[name] = shown.length === 1 && !LIST_FIELDS.has(name) ? shown[0] : shown;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Field reading with FastAPI-like validation errors

const TRUE = new Set(["true", "1", "yes", "y", "on", "t"]);
const FALSE = new Set(["false", "0", "no", "n", "off", "f"]);

export function toBool(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value === 1 ? true : value === 0 ? false : undefined;
  if (typeof value === "string") {
    const v = value.trim().toLowerCase();
    if (TRUE.has(v)) return true;
    if (FALSE.has(v)) return false;
  }
  return undefined;
}

/** JSON.parse, also accepting Python literals (True/False/None) as sent by `str(dict)` in the documentation. */
export function lenientJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const first = e instanceof Error ? e.message : String(e);
    // Replace Python literals and single-quoted strings outside of double-quoted strings.
    let out = "";
    let i = 0;
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        const end = findStringEnd(text, i, '"');
        out += text.slice(i, end + 1);
        i = end + 1;
      } else if (c === "'") {
        const end = findStringEnd(text, i, "'");
        out += JSON.stringify(text.slice(i + 1, end).replace(/\\'/g, "'"));
        i = end + 1;
      } else {
        const rest = text.slice(i);
        const m = /^(True|False|None)\b/.exec(rest);
        if (m) {
          out += m[1] === "True" ? "true" : m[1] === "False" ? "false" : "null";
          i += m[1].length;
        } else {
          out += c;
          i++;
        }
      }
    }
    try {
      return { ok: true, value: JSON.parse(out.replace(/,\s*([}\]])/g, "$1")) };
    } catch {
      return { ok: false, error: first };
    }
  }
}

function findStringEnd(text: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === "\\") i += 2;
    else if (text[i] === quote) return i;
    else i++;
  }
  return text.length - 1;
}

function listText(values: readonly string[]): string {
  const quoted = values.map((v) => `'${v}'`);
  return quoted.length <= 1 ? quoted.join("") : `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`;
}

/** Reads typed fields out of a ParsedBody and collects 422 details. */
export class FieldReader {
  readonly errors: ValidationDetail[] = [];
  constructor(readonly body: ParsedBody) {}

  has(name: string): boolean {
    const v = this.body.fields.get(name);
    return !!v && v.length > 0 && !(v.length === 1 && (v[0] === null || v[0] === undefined));
  }

  raw(name: string): unknown {
    return this.body.fields.get(name)?.[0];
  }

  private fail(detail: ValidationDetail) {
    this.errors.push(detail);
  }

  /**
   * A string field. `required` adds a "missing" error (an empty string counts as missing, as FastAPI does for
   * form fields); `values` restricts to an enumeration (an empty string then means "not set").
   */
  str(name: string, opts: { required?: boolean; values?: readonly string[] } = {}): string | undefined {
    const v = this.has(name) ? this.raw(name) : undefined;
    if (v !== undefined && typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") {
      this.fail({ type: "string_type", loc: ["body", name], msg: "Input should be a valid string", input: v });
      return undefined;
    }
    const s = v === undefined ? "" : String(v);
    if (s.trim() === "") {
      if (opts.required) this.fail({ type: "missing", loc: ["body", name], msg: "Field required", input: null });
      return v === undefined || opts.values || opts.required ? undefined : s;
    }
    if (opts.values && !opts.values.includes(s)) {
      this.fail({
        type: "enum",
        loc: ["body", name],
        msg: `Input should be ${listText(opts.values)}`,
        input: s,
        ctx: { expected: listText(opts.values) },
      });
      return undefined;
    }
    return s;
  }

  int(name: string, opts: { min?: number; max?: number; default?: number } = {}): number | undefined {
    if (!this.has(name) || this.raw(name) === "") return opts.default;
    const v = this.raw(name);
    let n: number;
    if (typeof v === "number") n = v;
    else if (typeof v === "string" && /^\s*[-+]?\d+(\.0*)?\s*$/.test(v)) n = Number.parseFloat(v);
    else if (typeof v === "boolean") n = v ? 1 : 0;
    else {
      this.fail({
        type: "int_parsing",
        loc: ["body", name],
        msg: "Input should be a valid integer, unable to parse string as an integer",
        input: v,
      });
      return undefined;
    }
    if (!Number.isInteger(n)) {
      this.fail({ type: "int_from_float", loc: ["body", name], msg: "Input should be a valid integer, got a number with a fractional part", input: v });
      return undefined;
    }
    if (opts.min !== undefined && n < opts.min) {
      this.fail({
        type: "greater_than_equal",
        loc: ["body", name],
        msg: `Input should be greater than or equal to ${opts.min}`,
        input: v,
        ctx: { ge: opts.min },
      });
      return undefined;
    }
    if (opts.max !== undefined && n > opts.max) {
      this.fail({
        type: "less_than_equal",
        loc: ["body", name],
        msg: `Input should be less than or equal to ${opts.max}`,
        input: v,
        ctx: { le: opts.max },
      });
      return undefined;
    }
    return n;
  }

  bool(name: string, fallback?: boolean): boolean | undefined {
    if (!this.has(name) || this.raw(name) === "") return fallback;
    const v = this.raw(name);
    const b = toBool(v);
    if (b === undefined) {
      this.fail({ type: "bool_parsing", loc: ["body", name], msg: "Input should be a valid boolean, unable to interpret input", input: v });
      return fallback;
    }
    return b;
  }

  /** A nested value: an object/array in JSON bodies, or a JSON string in forms. */
  json(name: string, expect: "object" | "array" | "object-or-array"): unknown {
    if (!this.has(name)) return undefined;
    const values = this.body.fields.get(name) ?? [];
    let v: unknown = values[0];
    if (typeof v === "string") {
      if (v.trim() === "" || v.trim() === "null") return undefined;
      const parsed = lenientJson(v);
      if (!parsed.ok) {
        this.fail({ type: "json_invalid", loc: ["body", name], msg: `Invalid JSON: ${parsed.error}`, input: v, ctx: { error: parsed.error } });
        return undefined;
      }
      v = parsed.value;
    }
    if (v === null) return undefined;
    const okObject = isRecord(v);
    const okArray = Array.isArray(v);
    if ((expect === "object" && !okObject) || (expect === "array" && !okArray) || (expect === "object-or-array" && !okObject && !okArray)) {
      this.fail({
        type: expect === "array" ? "list_type" : "dict_type",
        loc: ["body", name],
        msg: expect === "array" ? "Input should be a valid list" : "Input should be a valid dictionary",
        input: v,
      });
      return undefined;
    }
    return v;
  }

  /** A list of strings: repeated fields, a JSON array, or one JSON-array string. Empty strings are dropped. */
  list(name: string): string[] {
    const values = this.body.fields.get(name) ?? [];
    const out: string[] = [];
    for (const v of values) {
      if (typeof v === "string") {
        const t = v.trim();
        if (t.startsWith("[")) {
          const parsed = lenientJson(t);
          if (parsed.ok && Array.isArray(parsed.value)) {
            for (const x of parsed.value) if (typeof x === "string" && x.trim()) out.push(x.trim());
            continue;
          }
        }
        if (t) out.push(t);
      } else if (Array.isArray(v)) {
        for (const x of v) if (typeof x === "string" && x.trim()) out.push(x.trim());
      } else if (v !== null && v !== undefined && !isRecord(v)) {
        out.push(String(v));
      }
    }
    return out;
  }

  files(name: string): UploadedFile[] {
    return this.body.files.filter((f) => f.field === name || f.field === `${name}[]`);
  }
}
