import { existsSync, readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { hash32, rng } from "./util";

/**
 * Media generated or shipped by the simulator: SVG images, PCM WAV audio and small WebM videos
 * (lib/simulator/assets/*.webm, made by assets/make-videos.sh).
 */

// ---------------------------------------------------------------------------------------------------------------
// Images

const SIZES: Record<string, [number, number]> = {
  "16:9": [1280, 720],
  "9:16": [720, 1280],
  "1:1": [1024, 1024],
  "4:3": [1024, 768],
  "3:4": [768, 1024],
};

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c] ?? c);
}

function wrap(text: string, width: number, maxLines: number): string[] {
  const words = text.replace(/\s+/g, " ").trim().split(" ").filter(Boolean);
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    if (!line) line = word;
    else if ((line + " " + word).length <= width) line += " " + word;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = `${kept[maxLines - 1].slice(0, width - 1)}…`;
    return kept;
  }
  return lines.map((l) => (l.length > width ? `${l.slice(0, width - 1)}…` : l));
}

export type SvgOptions = { ar?: string; label?: string; kind?: string; model?: string };

/** An illustrative SVG: gradient sky from the seed, sun, hills, bokeh, a motif for the kind, and the label. */
export function renderSvg(seed: string, opts: SvgOptions = {}): string {
  const ar = opts.ar && SIZES[opts.ar] ? opts.ar : "16:9";
  const [w, h] = SIZES[ar];
  const r = rng(`svg:${seed}`);
  const hue = r.int(0, 359);
  const hue2 = (hue + r.int(35, 110)) % 360;
  const hue3 = (hue + 180 + r.int(-30, 30)) % 360;
  const label = (opts.label ?? "").trim();
  const kind = (opts.kind ?? "").trim();
  const unit = Math.min(w, h);
  const parts: string[] = [];

  parts.push(
    `<defs>`,
    `<linearGradient id="sky" x1="0" y1="0" x2="0.35" y2="1"><stop offset="0" stop-color="hsl(${hue},70%,62%)"/><stop offset="0.6" stop-color="hsl(${hue2},65%,55%)"/><stop offset="1" stop-color="hsl(${hue2},55%,32%)"/></linearGradient>`,
    `<radialGradient id="sun" cx="0.5" cy="0.5" r="0.5"><stop offset="0" stop-color="hsl(${(hue + 40) % 360},100%,92%)" stop-opacity="1"/><stop offset="0.55" stop-color="hsl(${(hue + 40) % 360},100%,80%)" stop-opacity="0.7"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360},100%,75%)" stop-opacity="0"/></radialGradient>`,
    `<linearGradient id="shade" x1="0" y1="0" x2="0" y2="1"><stop offset="0.55" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.45"/></linearGradient>`,
    `</defs>`,
    `<rect width="${w}" height="${h}" fill="url(#sky)"/>`,
  );
  // Sun / moon glow
  const sx = Math.round(w * (0.2 + r.next() * 0.6));
  const sy = Math.round(h * (0.18 + r.next() * 0.22));
  parts.push(`<circle cx="${sx}" cy="${sy}" r="${Math.round(unit * 0.22)}" fill="url(#sun)"/>`);
  parts.push(`<circle cx="${sx}" cy="${sy}" r="${Math.round(unit * 0.07)}" fill="hsl(${(hue + 40) % 360},100%,94%)" opacity="0.9"/>`);
  // Bokeh
  for (let i = 0; i < 14; i++) {
    parts.push(
      `<circle cx="${Math.round(r.next() * w)}" cy="${Math.round(r.next() * h * 0.6)}" r="${Math.round(unit * (0.005 + r.next() * 0.025))}" fill="#fff" opacity="${(0.15 + r.next() * 0.35).toFixed(2)}"/>`,
    );
  }
  // Layered hills
  for (let layer = 0; layer < 3; layer++) {
    const base = h * (0.58 + layer * 0.11);
    const amp = h * (0.05 + r.next() * 0.06);
    const freq = 1 + r.next() * 2.5;
    const phase = r.next() * Math.PI * 2;
    const steps = 24;
    let d = `M0 ${h} L0 ${Math.round(base)}`;
    for (let i = 0; i <= steps; i++) {
      const x = (w * i) / steps;
      const y = base - amp * Math.sin((i / steps) * Math.PI * freq + phase) - amp * 0.4 * Math.sin((i / steps) * Math.PI * freq * 2.7 + phase);
      d += ` L${Math.round(x)} ${Math.round(y)}`;
    }
    d += ` L${w} ${h} Z`;
    parts.push(`<path d="${d}" fill="hsl(${(hue3 + layer * 12) % 360},${45 - layer * 8}%,${38 - layer * 10}%)" opacity="${(0.85 + layer * 0.05).toFixed(2)}"/>`);
  }
  // Motif
  const cx = w / 2;
  const cy = h * 0.44;
  if (kind === "character") {
    const s = unit * 0.16;
    parts.push(
      `<g transform="translate(${Math.round(cx)} ${Math.round(cy)})">`,
      `<ellipse cx="0" cy="${Math.round(s * 1.25)}" rx="${Math.round(s * 0.95)}" ry="${Math.round(s * 0.9)}" fill="hsl(${hue3},60%,78%)"/>`,
      `<circle cx="0" cy="0" r="${Math.round(s * 0.75)}" fill="hsl(${hue3},65%,85%)"/>`,
      `<circle cx="${Math.round(-s * 0.27)}" cy="${Math.round(-s * 0.08)}" r="${Math.round(s * 0.09)}" fill="#2b2140"/>`,
      `<circle cx="${Math.round(s * 0.27)}" cy="${Math.round(-s * 0.08)}" r="${Math.round(s * 0.09)}" fill="#2b2140"/>`,
      `<path d="M${Math.round(-s * 0.22)} ${Math.round(s * 0.2)} Q0 ${Math.round(s * 0.42)} ${Math.round(s * 0.22)} ${Math.round(s * 0.2)}" stroke="#2b2140" stroke-width="${Math.max(2, Math.round(s * 0.05))}" fill="none" stroke-linecap="round"/>`,
      `<circle cx="${Math.round(-s * 0.45)}" cy="${Math.round(s * 0.12)}" r="${Math.round(s * 0.1)}" fill="hsl(350,80%,75%)" opacity="0.6"/>`,
      `<circle cx="${Math.round(s * 0.45)}" cy="${Math.round(s * 0.12)}" r="${Math.round(s * 0.1)}" fill="hsl(350,80%,75%)" opacity="0.6"/>`,
      `</g>`,
    );
  } else if (kind === "object") {
    const s = unit * 0.2;
    parts.push(
      `<g transform="translate(${Math.round(cx)} ${Math.round(cy)}) rotate(${r.int(-12, 12)})">`,
      `<rect x="${Math.round(-s)}" y="${Math.round(-s)}" width="${Math.round(2 * s)}" height="${Math.round(2 * s)}" rx="${Math.round(s * 0.3)}" fill="hsl(${hue3},55%,80%)" stroke="#fff" stroke-opacity="0.7" stroke-width="${Math.max(2, Math.round(s * 0.04))}"/>`,
      `<path d="M${Math.round(-s * 0.7)} ${Math.round(-s * 0.7)} L${Math.round(s * 0.1)} ${Math.round(-s * 0.7)} L${Math.round(-s * 0.7)} ${Math.round(s * 0.1)} Z" fill="#fff" opacity="0.35"/>`,
      `</g>`,
    );
  }
  parts.push(`<rect width="${w}" height="${h}" fill="url(#shade)"/>`);
  // Caption and label
  const small = Math.round(unit * 0.028);
  const caption = [kind, ar, opts.model].filter(Boolean).join(" · ");
  parts.push(
    `<text x="${Math.round(small * 1.2)}" y="${Math.round(small * 2)}" font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif" font-size="${small}" fill="#fff" fill-opacity="0.8" letter-spacing="1">${escapeXml(`VIMMERSE SIMULATOR${caption ? ` · ${caption}` : ""}`)}</text>`,
  );
  if (label) {
    const fontSize = Math.round(unit * 0.055);
    const perLine = Math.max(10, Math.floor((w * 0.84) / (fontSize * 0.56)));
    const lines = wrap(label, perLine, 3);
    const lineHeight = Math.round(fontSize * 1.25);
    const boxH = lines.length * lineHeight + fontSize;
    const boxW = Math.min(w * 0.9, Math.max(...lines.map((l) => l.length)) * fontSize * 0.58 + fontSize * 1.4);
    const boxY = h - boxH - unit * 0.06;
    parts.push(
      `<rect x="${Math.round((w - boxW) / 2)}" y="${Math.round(boxY)}" width="${Math.round(boxW)}" height="${Math.round(boxH)}" rx="${Math.round(fontSize * 0.5)}" fill="#000" fill-opacity="0.38"/>`,
    );
    lines.forEach((line, i) => {
      parts.push(
        `<text x="${Math.round(w / 2)}" y="${Math.round(boxY + fontSize * 0.5 + lineHeight * (i + 0.8))}" text-anchor="middle" font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif" font-weight="600" font-size="${fontSize}" fill="#fff">${escapeXml(line)}</text>`,
      );
    });
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${escapeXml(label || "generated image")}">${parts.join("")}</svg>\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// Audio

const SAMPLE_RATE = 22050;

function wavFromSamples(samples: Float32Array): Buffer {
  let peak = 0;
  for (const s of samples) peak = Math.max(peak, Math.abs(s));
  const gain = peak > 0 ? 0.7 / peak : 0;
  const data = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) {
    data.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(samples[i] * gain * 32767))), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVE", 8, "ascii");
  header.write("fmt ", 12, "ascii");
  header.writeUInt32LE(16, 16); // PCM chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(SAMPLE_RATE, 24);
  header.writeUInt32LE(SAMPLE_RATE * 2, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write("data", 36, "ascii");
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

function fadeEdges(out: Float32Array, seconds: number) {
  const n = Math.floor(seconds * SAMPLE_RATE);
  for (let i = 0; i < n && i < out.length; i++) {
    const g = i / n;
    out[i] *= g;
    out[out.length - 1 - i] *= g;
  }
}

/** ~8 s of a pleasant pentatonic melody over a I-V-vi-IV progression. */
function renderMusic(seed: string): Float32Array {
  const r = rng(`music:${seed}`);
  const seconds = 8;
  const out = new Float32Array(seconds * SAMPLE_RATE);
  const root = 196 * Math.pow(2, r.int(0, 7) / 12); // G3..D4
  const semis = (n: number) => root * Math.pow(2, n / 12);
  const pentatonic = [0, 2, 4, 7, 9, 12, 14, 16, 19, 21];
  const beat = 60 / r.int(100, 124);
  const progression = [
    [0, 4, 7],
    [7, 11, 14],
    [9, 12, 16],
    [5, 9, 12],
  ];
  const note = (start: number, dur: number, freq: number, amp: number, bright: number) => {
    const s0 = Math.floor(start * SAMPLE_RATE);
    const len = Math.floor(dur * SAMPLE_RATE);
    for (let i = 0; i < len && s0 + i < out.length; i++) {
      const t = i / SAMPLE_RATE;
      const env = Math.min(1, t / 0.012) * Math.exp(-t * (2.2 / dur));
      const ph = 2 * Math.PI * freq * t;
      out[s0 + i] += amp * env * (Math.sin(ph) + bright * Math.sin(2 * ph) + bright * 0.4 * Math.sin(3 * ph));
    }
  };
  // Pads and bass: one chord per two beats... per bar of 4 beats.
  const bar = beat * 4;
  for (let b = 0, t = 0; t < seconds; b++, t += bar) {
    const chord = progression[b % progression.length];
    note(t, bar * 1.05, semis(chord[0] - 12), 0.22, 0.15);
    for (const c of chord) note(t, bar * 1.05, semis(c), 0.06, 0.05);
  }
  // Melody: eighth notes on a random walk over the scale, with rests.
  let degree = r.int(2, 5);
  for (let t = 0; t < seconds - beat; t += beat / 2) {
    if (r.chance(0.18)) continue;
    degree = Math.max(0, Math.min(pentatonic.length - 1, degree + r.pick([-2, -1, -1, 0, 1, 1, 2])));
    const long = r.chance(0.25);
    note(t, (long ? beat : beat / 2) * 1.4, semis(pentatonic[degree] + 12), 0.18, 0.3);
  }
  // Soft shaker on the off-beats.
  for (let t = beat / 2; t < seconds; t += beat) {
    const s0 = Math.floor(t * SAMPLE_RATE);
    for (let i = 0; i < 0.05 * SAMPLE_RATE && s0 + i < out.length; i++) out[s0 + i] += 0.025 * (r.next() * 2 - 1) * Math.exp(-i / (0.01 * SAMPLE_RATE));
  }
  fadeEdges(out, 0.4);
  return out;
}

/** ~3.5 s of speech-like babble: syllables of a voiced source shaped by vowel formants, with intonation. */
function renderNarration(seed: string): Float32Array {
  const r = rng(`narration:${seed}`);
  const seconds = 3 + r.next();
  const out = new Float32Array(Math.floor(seconds * SAMPLE_RATE));
  const f0Base = r.pick([110, 125, 185, 205, 220]);
  const vowels: Array<[number, number]> = [
    [730, 1090], // a
    [530, 1840], // e
    [270, 2290], // i
    [570, 840], // o
    [300, 870], // u
    [660, 1720], // ae
  ];
  let t = 0.15;
  const end = seconds - 0.2;
  while (t < end) {
    const syllables = r.int(1, 3);
    for (let s = 0; s < syllables && t < end; s++) {
      const dur = 0.09 + r.next() * 0.12;
      const [f1, f2] = r.pick(vowels);
      const progress = t / seconds;
      const f0 = f0Base * (1.12 - 0.22 * progress) * (0.95 + r.next() * 0.12);
      const s0 = Math.floor(t * SAMPLE_RATE);
      const len = Math.floor(dur * SAMPLE_RATE);
      const harmonics = Math.min(24, Math.floor(3500 / f0));
      const weights: number[] = [];
      for (let k = 1; k <= harmonics; k++) {
        const f = f0 * k;
        const res = (fc: number, bw: number) => 1 / (1 + Math.pow((f - fc) / bw, 2));
        weights.push((res(f1, 90) + 0.6 * res(f2, 120) + 0.05) / k);
      }
      for (let i = 0; i < len && s0 + i < out.length; i++) {
        const x = i / len;
        const env = Math.sin(Math.PI * x) ** 1.5;
        const tt = i / SAMPLE_RATE;
        const glide = 1 + 0.04 * Math.sin(Math.PI * x);
        let v = 0;
        for (let k = 0; k < harmonics; k++) v += weights[k] * Math.sin(2 * Math.PI * f0 * glide * (k + 1) * tt);
        // a little breath noise for consonant-like onsets
        if (x < 0.12) v += 0.08 * (r.next() * 2 - 1) * (1 - x / 0.12);
        out[s0 + i] += env * v;
      }
      t += dur + 0.01;
    }
    t += 0.06 + r.next() * 0.1; // gap between words
    if (r.chance(0.15)) t += 0.2; // comma pause
  }
  fadeEdges(out, 0.05);
  return out;
}

const audioCache = new Map<string, Buffer>();

/** A WAV for `/media/audio/<kind>-<seed>.wav`: kind "music" or anything else (narration). */
export function renderWav(kind: string, seed: string): Buffer {
  const key = `${kind}:${seed}`;
  const hit = audioCache.get(key);
  if (hit) return hit;
  const wav = wavFromSamples(kind === "music" ? renderMusic(seed) : renderNarration(seed));
  audioCache.set(key, wav);
  if (audioCache.size > 48) audioCache.delete(audioCache.keys().next().value as string);
  return wav;
}

// ---------------------------------------------------------------------------------------------------------------
// Video

const VIDEO_FILES: Record<string, string> = {
  "16x9": "story-16x9.webm",
  "4x3": "story-16x9.webm",
  "9x16": "story-9x16.webm",
  "3x4": "story-9x16.webm",
  "1x1": "story-1x1.webm",
};

let assetsDirCache: string | undefined;

/** Where the shipped WebM files are: an explicit dir, else lib/simulator/assets under the working directory. */
export function findAssetsDir(explicit?: string): string | undefined {
  if (explicit) return explicit;
  if (assetsDirCache) return assetsDirCache;
  const candidates = [
    process.env.SIMULATOR_ASSETS_DIR,
    path.join(/*turbopackIgnore: true*/ process.cwd(), "lib", "simulator", "assets"),
    typeof __dirname === "string" ? path.join(/*turbopackIgnore: true*/ __dirname, "assets") : undefined,
  ].filter((x): x is string => !!x);
  assetsDirCache = candidates.find((dir) => existsSync(path.join(/*turbopackIgnore: true*/ dir, VIDEO_FILES["16x9"])));
  return assetsDirCache;
}

const videoCache = new Map<string, Buffer>();

/** The WebM for a video name: its aspect ratio is the last `_16x9`/`-9x16`... token of the name (default 16:9). */
export function videoFor(name: string, assetsDir?: string): Buffer | undefined {
  const token = /(16x9|9x16|1x1|4x3|3x4)$/.exec(name)?.[1] ?? "16x9";
  const file = VIDEO_FILES[token];
  const dir = findAssetsDir(assetsDir);
  if (!dir) return undefined;
  const full = path.join(/*turbopackIgnore: true*/ dir, file);
  const cached = videoCache.get(full);
  if (cached) return cached;
  if (!existsSync(full)) return undefined;
  const data = readFileSync(full);
  videoCache.set(full, data);
  return data;
}

// ---------------------------------------------------------------------------------------------------------------
// Sending, with HTTP Range support

export const MEDIA_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Expose-Headers": "Content-Length, Content-Range, Accept-Ranges, ETag",
  "Cross-Origin-Resource-Policy": "cross-origin",
};

export function sendMedia(req: IncomingMessage, res: ServerResponse, data: Buffer, contentType: string, cacheSeconds = 86400) {
  const etag = `"${data.length.toString(16)}-${hash32(data.subarray(0, 4096).toString("latin1")).toString(16)}"`;
  const base: Record<string, string> = {
    ...MEDIA_HEADERS,
    "Content-Type": contentType,
    "Accept-Ranges": "bytes",
    "Cache-Control": `public, max-age=${cacheSeconds}`,
    ETag: etag,
  };
  const head = req.method === "HEAD";
  if (req.headers["if-none-match"] === etag && !req.headers.range) {
    res.writeHead(304, base);
    res.end();
    return;
  }
  const range = req.headers.range;
  if (range) {
    const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
    let start = -1;
    let end = data.length - 1;
    if (m && (m[1] !== "" || m[2] !== "")) {
      if (m[1] === "") {
        const suffix = Number.parseInt(m[2], 10);
        start = Math.max(0, data.length - suffix);
      } else {
        start = Number.parseInt(m[1], 10);
        if (m[2] !== "") end = Math.min(end, Number.parseInt(m[2], 10));
      }
    }
    if (!m || start < 0 || start >= data.length || start > end) {
      res.writeHead(416, { ...base, "Content-Range": `bytes */${data.length}`, "Content-Length": "0" });
      res.end();
      return;
    }
    const chunk = data.subarray(start, end + 1);
    res.writeHead(206, { ...base, "Content-Range": `bytes ${start}-${end}/${data.length}`, "Content-Length": String(chunk.length) });
    res.end(head ? undefined : chunk);
    return;
  }
  res.writeHead(200, { ...base, "Content-Length": String(data.length) });
  res.end(head ? undefined : data);
}

/** Sniffs common image formats; used to refuse uploads that are not images. */
export function sniffImageType(data: Buffer): string | undefined {
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "image/png";
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return "image/jpeg";
  if (data.length >= 6 && /^GIF8[79]a$/.test(data.subarray(0, 6).toString("latin1"))) return "image/gif";
  if (data.length >= 12 && data.subarray(0, 4).toString("latin1") === "RIFF" && data.subarray(8, 12).toString("latin1") === "WEBP") return "image/webp";
  if (data.length >= 2 && data.subarray(0, 2).toString("latin1") === "BM") return "image/bmp";
  if (data.length >= 12 && data.subarray(4, 12).toString("latin1").startsWith("ftypavi")) return "image/avif";
  const head = data.subarray(0, 512).toString("utf8").trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(head)) return "image/svg+xml";
  return undefined;
}
