import "server-only";
import type { z } from "zod";
import { vimmerseConnection } from "@/lib/config";
import {
  ENDPOINTS,
  WIRE_ENCODING,
  encodeRequest,
  endpointPath,
  type EncodedEndpoint,
  type EndpointName,
  type EndpointParams,
  type WireEncoding,
} from "./encoding";
import { VimmerseError, invalidInputError, isVimmerseError, redactSecret, toVimmerseError } from "./errors";
import {
  ConcatInput,
  CreateStoryboardInput,
  ElementsInput,
  IdeaToVideoInput,
  ImagesToVideoInput,
  ScenesInput,
  UpdateStoryInput,
  VideosInput,
  storyIdSchema,
} from "./inputs";
import { parseJsonLenient, parseOptionalStoryResponse, parseStoryResponse, type Story } from "./story";

/**
 * The typed Vimmerse Story API client: the only code that knows the API key and the wire format.
 *
 * - Every method validates its input (invalid -> VimmerseError "invalid_input", nothing is sent), encodes it with
 *   encoding.ts, sends `X-Api-Key` + `Accept: application/json` with a timeout, maps HTTP errors with
 *   toVimmerseError and reads success answers leniently with parseStoryResponse.
 * - Nothing is retried: a paid POST is sent at most once per call. Errors say whether the outcome is unknown.
 * - Redirects are not followed (a custom key header would travel to the redirect target).
 */

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export type VimmerseClientOptions = {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  fetch?: FetchLike;
  /** Per-endpoint wire encoding overrides (default: WIRE_ENCODING, i.e. "form" everywhere). */
  encodings?: Partial<Record<EncodedEndpoint, WireEncoding>>;
};

export type CallOptions = {
  /** Aborting it ends the call with a "timeout" error (outcome unknown). */
  signal?: AbortSignal;
};

export interface VimmerseClient {
  /** POST /story/idea-2-video */
  ideaToVideo(input: IdeaToVideoInput, options?: CallOptions): Promise<Story>;
  /** POST /story/images-2-video */
  imagesToVideo(input: ImagesToVideoInput, options?: CallOptions): Promise<Story>;
  /** POST /story (step 1: storyboard) */
  createStoryboard(input: CreateStoryboardInput, options?: CallOptions): Promise<Story>;
  /** POST /story/{id}/elements (step 1.5) */
  generateElements(storyId: string, input?: ElementsInput, options?: CallOptions): Promise<Story>;
  /** POST /story/{id}/scenes (step 2) */
  generateScenes(storyId: string, input?: ScenesInput, options?: CallOptions): Promise<Story>;
  /** POST /story/{id}/videos (step 3) */
  generateVideos(storyId: string, input?: VideosInput, options?: CallOptions): Promise<Story>;
  /** GET /story/{id} */
  getStory(storyId: string, options?: CallOptions): Promise<Story>;
  /**
   * POST /story/{id}/concat. Empty body unless URLs are given. The documented 200 answer is `{}`: then the result
   * is null (read the story with getStory to follow the composition).
   */
  concat(storyId: string, input?: ConcatInput, options?: CallOptions): Promise<Story | null>;
  /** PUT /story/{id}: title, description, visibility_status. */
  updateStory(storyId: string, input: UpdateStoryInput, options?: CallOptions): Promise<Story | null>;
  /** DELETE /story/{id}. The documented 200 answer is `{}` (null). */
  deleteStory(storyId: string, options?: CallOptions): Promise<Story | null>;
}

// ---------------------------------------------------------------------------------------------------------------
// Transport errors

const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_NONAME",
  "EAI_FAIL",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EHOSTDOWN",
  "ENETDOWN",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_INVALID_ARG",
  "ERR_INVALID_URL",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
]);
const TIMEOUT_CODES = new Set(["UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "ETIMEDOUT", "ESOCKETTIMEDOUT"]);

/** Error codes found on the error, its causes (undici nests them) and AggregateError members. */
export function errorCodes(e: unknown, depth = 0): string[] {
  if (!e || typeof e !== "object" || depth > 5) return [];
  const rec = e as { code?: unknown; cause?: unknown; errors?: unknown; name?: unknown };
  const codes: string[] = [];
  if (typeof rec.code === "string") codes.push(rec.code);
  if (Array.isArray(rec.errors)) for (const inner of rec.errors) codes.push(...errorCodes(inner, depth + 1));
  if (rec.cause) codes.push(...errorCodes(rec.cause, depth + 1));
  return codes;
}

function transportError(e: unknown, aborted: boolean, endpoint: string, timeoutMs: number): VimmerseError {
  const name = e && typeof e === "object" ? String((e as { name?: unknown }).name ?? "") : "";
  const codes = errorCodes(e);
  if (aborted || name === "TimeoutError" || name === "AbortError" || codes.some((c) => TIMEOUT_CODES.has(c))) {
    return new VimmerseError("timeout", {
      message: `Vimmerse ${endpoint} did not answer within ${timeoutMs} ms${codes.length ? ` (${codes.join(", ")})` : ""}`,
      outcomeUnknown: true,
    });
  }
  const notSent = codes.length > 0 && codes.every((c) => NOT_SENT_CODES.has(c));
  return new VimmerseError("network", {
    message: `Vimmerse ${endpoint} network error${codes.length ? ` (${codes.join(", ")})` : ""}`,
    outcomeUnknown: !notSent,
    // Keep the codes for logs; the original error may hold the request URL, which never carries the key.
    cause: codes.length ? { codes } : undefined,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Client

type Validated<S extends z.ZodType> = z.output<S>;

function validate<S extends z.ZodType>(schema: S, input: unknown, endpoint: string): Validated<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw invalidInputError(parsed.error.issues, endpoint);
  return parsed.data;
}

function validateStoryId(storyId: unknown, endpoint: string): string {
  const parsed = storyIdSchema.safeParse(storyId);
  if (!parsed.success) {
    throw invalidInputError(
      parsed.error.issues.map((i) => ({ ...i, path: ["story_id", ...i.path] })),
      endpoint,
    );
  }
  return parsed.data;
}

export function createVimmerseClient(options: VimmerseClientOptions): VimmerseClient {
  const baseUrl = options.baseUrl.trim().replace(/\/+$/, "");
  const apiKey = options.apiKey;
  const timeoutMs = options.timeoutMs > 0 ? options.timeoutMs : 60_000;
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const encodings: Record<EncodedEndpoint, WireEncoding> = { ...WIRE_ENCODING, ...options.encodings };

  type Expect = "story" | "optional-story";

  async function send(
    endpoint: EndpointName,
    storyId: string | undefined,
    encoded: { body: BodyInit | undefined; contentType?: string },
    expect: Expect,
    callOptions: CallOptions | undefined,
  ): Promise<Story | null> {
    const { method } = ENDPOINTS[endpoint];
    const path = endpointPath(endpoint, storyId);
    const label = `${method} ${ENDPOINTS[endpoint].path}`;
    const headers: Record<string, string> = { "X-Api-Key": apiKey, Accept: "application/json" };
    if (encoded.contentType) headers["Content-Type"] = encoded.contentType;

    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = callOptions?.signal ? AbortSignal.any([timeout, callOptions.signal]) : timeout;

    let response: Response;
    let text: string;
    try {
      response = await doFetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: encoded.body,
        signal,
        redirect: "manual",
        cache: "no-store",
      });
      text = await response.text();
    } catch (e) {
      if (isVimmerseError(e)) throw e;
      throw transportError(e, signal.aborted, label, timeoutMs);
    }

    const safeText = redactSecret(text, apiKey);
    if (response.status < 200 || response.status >= 300) {
      let body: unknown = safeText;
      if (safeText.trim()) {
        try {
          body = parseJsonLenient(safeText);
        } catch {
          body = safeText;
        }
      }
      throw toVimmerseError(response.status, body, response.headers, { endpoint: label });
    }

    // A success answer that cannot be read: for a POST/PUT/DELETE the call probably went through.
    const outcomeUnknown = method !== "GET";
    try {
      const story = expect === "optional-story" ? parseOptionalStoryResponse(safeText) : parseStoryResponse(safeText);
      if (story && !story.id && storyId) story.id = storyId;
      return story;
    } catch (e) {
      if (isVimmerseError(e) && e.kind === "invalid_response") {
        throw new VimmerseError("invalid_response", {
          message: `Vimmerse ${label} answered ${response.status} with an unreadable body: ${redactSecret(e.message, apiKey)}`,
          status: response.status,
          outcomeUnknown,
        });
      }
      throw e;
    }
  }

  async function post<E extends EncodedEndpoint>(
    endpoint: E,
    storyId: string | undefined,
    params: EndpointParams[E],
    expect: Expect,
    callOptions?: CallOptions,
  ): Promise<Story | null> {
    return send(endpoint, storyId, encodeRequest(endpoint, params, encodings[endpoint]), expect, callOptions);
  }

  const must = (story: Story | null): Story => {
    if (!story) throw new VimmerseError("invalid_response", { message: "Vimmerse answer carries no story", outcomeUnknown: true });
    return story;
  };

  return {
    async ideaToVideo(input, callOptions) {
      const params = validate(IdeaToVideoInput, input, "ideaToVideo");
      return must(await post("ideaToVideo", undefined, params, "story", callOptions));
    },
    async imagesToVideo(input, callOptions) {
      const params = validate(ImagesToVideoInput, input, "imagesToVideo");
      return must(await post("imagesToVideo", undefined, params, "story", callOptions));
    },
    async createStoryboard(input, callOptions) {
      const params = validate(CreateStoryboardInput, input, "createStoryboard");
      return must(await post("createStoryboard", undefined, params, "story", callOptions));
    },
    async generateElements(storyId, input, callOptions) {
      const id = validateStoryId(storyId, "generateElements");
      const params = validate(ElementsInput, input ?? {}, "generateElements");
      return must(await post("generateElements", id, params, "story", callOptions));
    },
    async generateScenes(storyId, input, callOptions) {
      const id = validateStoryId(storyId, "generateScenes");
      const params = validate(ScenesInput, input ?? {}, "generateScenes");
      return must(await post("generateScenes", id, params, "story", callOptions));
    },
    async generateVideos(storyId, input, callOptions) {
      const id = validateStoryId(storyId, "generateVideos");
      const params = validate(VideosInput, input ?? {}, "generateVideos");
      return must(await post("generateVideos", id, params, "story", callOptions));
    },
    async getStory(storyId, callOptions) {
      const id = validateStoryId(storyId, "getStory");
      return must(await send("getStory", id, { body: undefined }, "story", callOptions));
    },
    async concat(storyId, input, callOptions) {
      const id = validateStoryId(storyId, "concat");
      const params = validate(ConcatInput, input ?? {}, "concat");
      return post("concat", id, params, "optional-story", callOptions);
    },
    async updateStory(storyId, input, callOptions) {
      const id = validateStoryId(storyId, "updateStory");
      const params = validate(UpdateStoryInput, input, "updateStory");
      return post("updateStory", id, params, "optional-story", callOptions);
    },
    async deleteStory(storyId, callOptions) {
      const id = validateStoryId(storyId, "deleteStory");
      return send("deleteStory", id, { body: undefined }, "optional-story", callOptions);
    },
  };
}

/** The client for the configured connection (real API or simulator). Cheap: build it per request. */
export function vimmerse(): VimmerseClient {
  const { baseUrl, apiKey, timeoutMs } = vimmerseConnection();
  return createVimmerseClient({ baseUrl, apiKey, timeoutMs });
}
