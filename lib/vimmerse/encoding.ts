import type {
  ConcatParams,
  CreateStoryboardParams,
  ElementsParams,
  IdeaToVideoParams,
  ImageFile,
  ImagesToVideoParams,
  ScenesParams,
  UpdateStoryParams,
  VideosParams,
} from "./inputs";

/**
 * The wire encoding of every Vimmerse endpoint that has a body, in ONE place.
 *
 * "form" (default, as in the primary documentation's examples):
 *   application/x-www-form-urlencoded; nested values (audio_option, elements, storyboard, scenes) as JSON strings;
 *   lists of URLs (image_urls, concat_video_urls, audio_urls) as repeated fields; booleans "true"/"false";
 *   numbers as decimal strings. When image files are present the body is multipart/form-data with one
 *   `image_files` part per file, and `image_urls` is not sent (files win).
 * "json" (what the newer OpenAPI copy declares for idea-2-video / images-2-video):
 *   application/json with nested values as objects. Files cannot travel in JSON: with files, multipart is used.
 *
 * To switch an endpoint, change `WIRE_ENCODING` (or pass `encodings` to createVimmerseClient).
 */

export type WireEncoding = "form" | "json";

export type EncodedEndpoint =
  | "ideaToVideo"
  | "imagesToVideo"
  | "createStoryboard"
  | "generateElements"
  | "generateScenes"
  | "generateVideos"
  | "concat"
  | "updateStory";

export type EndpointParams = {
  ideaToVideo: IdeaToVideoParams;
  imagesToVideo: ImagesToVideoParams;
  createStoryboard: CreateStoryboardParams;
  generateElements: ElementsParams;
  generateScenes: ScenesParams;
  generateVideos: VideosParams;
  concat: ConcatParams;
  updateStory: UpdateStoryParams;
};

/** Method and path of each endpoint; `{id}` is replaced by the URL-encoded story id. */
export const ENDPOINTS = {
  ideaToVideo: { method: "POST", path: "/story/idea-2-video" },
  imagesToVideo: { method: "POST", path: "/story/images-2-video" },
  createStoryboard: { method: "POST", path: "/story" },
  generateElements: { method: "POST", path: "/story/{id}/elements" },
  generateScenes: { method: "POST", path: "/story/{id}/scenes" },
  generateVideos: { method: "POST", path: "/story/{id}/videos" },
  concat: { method: "POST", path: "/story/{id}/concat" },
  updateStory: { method: "PUT", path: "/story/{id}" },
  getStory: { method: "GET", path: "/story/{id}" },
  deleteStory: { method: "DELETE", path: "/story/{id}" },
} as const satisfies Record<string, { method: "GET" | "POST" | "PUT" | "DELETE"; path: string }>;
export type EndpointName = keyof typeof ENDPOINTS;

/** THE switch: the encoding of each endpoint's body. */
export const WIRE_ENCODING: Readonly<Record<EncodedEndpoint, WireEncoding>> = Object.freeze({
  ideaToVideo: "form",
  imagesToVideo: "form",
  createStoryboard: "form",
  generateElements: "form",
  generateScenes: "form",
  generateVideos: "form",
  concat: "form",
  updateStory: "form",
});

/** Fields whose value is an object or a list of objects: a JSON string in forms, a nested value in JSON. */
export const NESTED_FIELDS: ReadonlySet<string> = new Set(["audio_option", "elements", "storyboard", "scenes"]);
/** Fields whose value is a list of strings: one repeated form field per entry. */
export const REPEATED_FIELDS: ReadonlySet<string> = new Set(["image_urls", "concat_video_urls", "audio_urls"]);
/** The upload field: one multipart part per file. */
export const FILE_FIELD = "image_files";

export type EncodedRequest = { body: BodyInit | undefined; contentType?: string };

export const FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";
export const JSON_CONTENT_TYPE = "application/json";

function scalarToString(value: unknown): string {
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "string") return value;
  return JSON.stringify(value) ?? "";
}

/** [name, value] pairs of a form body (files excluded), in the input's key order. */
export function formFields(input: Record<string, unknown>, opts: { skipImageUrls?: boolean } = {}): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || value === null || key === FILE_FIELD) continue;
    if (key === "image_urls" && opts.skipImageUrls) continue;
    if (REPEATED_FIELDS.has(key) && Array.isArray(value)) {
      for (const v of value) pairs.push([key, scalarToString(v)]);
    } else if (NESTED_FIELDS.has(key) || (typeof value === "object" && !Array.isArray(value))) {
      pairs.push([key, JSON.stringify(value)]);
    } else if (Array.isArray(value)) {
      pairs.push([key, JSON.stringify(value)]);
    } else {
      pairs.push([key, scalarToString(value)]);
    }
  }
  return pairs;
}

function jsonBody(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || key === FILE_FIELD) continue;
    out[key] = value;
  }
  return out;
}

function filePart(file: ImageFile): Blob {
  const type = file.type || file.data.type || "application/octet-stream";
  return file.data.type === type ? file.data : new Blob([file.data], { type });
}

/**
 * Encodes one endpoint's (already validated) input. For multipart bodies no content type is returned: fetch sets
 * it with the boundary. Concat with no URLs, and any input with nothing set, gives an empty body.
 */
export function encodeRequest<E extends EncodedEndpoint>(
  endpoint: E,
  input: EndpointParams[E] | undefined,
  encoding: WireEncoding = WIRE_ENCODING[endpoint],
): EncodedRequest {
  const record = (input ?? {}) as Record<string, unknown>;
  const files = (Array.isArray(record[FILE_FIELD]) ? record[FILE_FIELD] : []) as ImageFile[];

  if (files.length > 0) {
    const form = new FormData();
    for (const [name, value] of formFields(record, { skipImageUrls: true })) form.append(name, value);
    for (const file of files) form.append(FILE_FIELD, filePart(file), file.name);
    return { body: form };
  }

  const hasAnyField = Object.entries(record).some(([, v]) => v !== undefined && v !== null);
  if (!hasAnyField) return { body: undefined };

  if (encoding === "json") {
    return { body: JSON.stringify(jsonBody(record)), contentType: JSON_CONTENT_TYPE };
  }
  return { body: new URLSearchParams(formFields(record)), contentType: FORM_CONTENT_TYPE };
}

/** The path of an endpoint for one story; the id is URL-encoded. */
export function endpointPath(endpoint: EndpointName, storyId?: string): string {
  const template: string = ENDPOINTS[endpoint].path;
  if (!template.includes("{id}")) return template;
  if (storyId === undefined) throw new Error(`${endpoint} needs a story id`);
  return template.replace("{id}", encodeURIComponent(storyId));
}
