import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AudioOption, Job, Media, Phase, Story, StoryRecord } from "./types";
import { apiTimestamp, clone, hash32 } from "./util";

/**
 * State of the simulator (stories, uploads, credit balance), its optional persistence to a JSON file, and the
 * time-based progress of steps, computed lazily from the clock whenever a story is read.
 */

export const DEFAULT_AUDIO: AudioOption = { has_bg_music: true, has_narration: true, native_audio: false, narrator: "Rachel" };

export function newStory(id: string, apiKey: string, now: number): Story {
  const who = hash32(apiKey || "anonymous").toString(16).padStart(8, "0");
  const ts = apiTimestamp(now);
  return {
    id,
    email: `demo-${who}@simulator.vimmerse.local`,
    manager_id: `sim-user-${who}`,
    customer_id: `sim-customer-${who}`,
    is_highlights: "",
    title: "",
    description: "",
    visibility_status: "1",
    idea: "",
    storyboard: {},
    scenes: [],
    story_version: 0,
    message: "",
    note: "",
    feedback: "",
    is_transition: false,
    files: [],
    medias: [],
    finished_medias: [],
    failed_medias: [],
    image_urls: [],
    image_prompts: [],
    pose_preset: [{ motion_type: "Auto", prompt_strength: 3, quantity: 1, motion_amount: 5, motion_length: 5, loop: 1, prompt: "" }],
    submit_params: { scale_factor: "1", pipeline_preset: "Fast", file_size: "", native_audio: false, extend_video: "No", aspect_ratio: "16:9" },
    progress_percentage: 0,
    status: "new",
    generate_type: "GENERATE_VIDEO",
    audio_option: { ...DEFAULT_AUDIO },
    language: "English",
    narration_url: "",
    used_credits: 0,
    version: "2",
    created_at: ts,
    updated_at: ts,
    show_title: false,
    video_url: "",
    audio_urls: [],
    narrator: "Rachel",
  };
}

export function jobTotalMs(job: Job): number {
  return job.phases.reduce((sum, p) => sum + p.ms, 0);
}

function phaseFailMessage(phase: Phase): string {
  switch (phase.name) {
    case "storyboard":
      return "Failed to generate the storyboard. Please submit again.";
    case "elements":
      return "Failed to generate element images. Please submit again.";
    case "scenes":
      return "Failed to generate scene images. Please submit again.";
    case "videos":
      return "Failed to compose the story video. Please submit again.";
    case "concat":
      return "Failed to compose the story video. Please submit again.";
  }
}

/** Media statuses `elapsed` ms into a videos phase. */
function updateVideos(story: Story, phase: Extract<Phase, { name: "videos" }>, elapsed: number) {
  const medias: Media[] = phase.medias.map((m, k) => {
    if (elapsed < phase.doneAt[k]) return { ...clone(m), status: "processing" };
    if (phase.failScenes.includes(k)) {
      const { video_url: _v, duration: _d, ...rest } = clone(m);
      void _v;
      void _d;
      return { ...rest, status: "fail", reason: "Video generation failed for this scene (simulated failure)." };
    }
    return { ...clone(m), status: "success" };
  });
  story.scenes = clone(phase.scenes);
  story.medias = medias.map((m) => {
    const { video_url: _v, duration: _d, reason: _r, ...rest } = m;
    void _v;
    void _d;
    void _r;
    return rest;
  });
  story.finished_medias = medias.filter((m) => m.status === "success");
  story.failed_medias = medias.filter((m) => m.status === "fail");
}

function applyPhase(story: Story, phase: Phase) {
  switch (phase.name) {
    case "storyboard":
      story.storyboard = clone(phase.storyboard);
      if (phase.imagePrompts.length) story.image_prompts = [...phase.imagePrompts];
      break;
    case "elements":
      story.storyboard = clone(phase.storyboard);
      break;
    case "scenes":
      story.storyboard = clone(phase.storyboard);
      if (phase.audioUrls.length) story.audio_urls = [...phase.audioUrls];
      break;
    case "videos": {
      updateVideos(story, phase, Number.POSITIVE_INFINITY);
      const ok = story.finished_medias.length;
      const failed = story.failed_medias.length;
      if (ok === 0) throw new PhaseFailure("All scene videos failed. Please submit again.");
      story.video_url = phase.videoUrl;
      story.message = failed ? `${failed} of ${ok + failed} scene videos failed; the story was composed from the others.` : "";
      break;
    }
    case "concat":
      story.video_url = phase.videoUrl;
      break;
  }
}

class PhaseFailure extends Error {}

export type AdvanceResult = { changed: boolean; finished?: Job };

/**
 * Brings a story up to date with the clock: reveals finished phases, moves scene videos to finished/failed,
 * updates progress_percentage, and ends the job (status new/success/fail) when its time is up.
 */
export function advance(rec: StoryRecord, now: number): AdvanceResult {
  const job = rec.job;
  if (!job) return { changed: false };
  const story = rec.story;
  let changed = false;
  let t = job.startedAt;
  let failed: string | undefined;
  for (let i = 0; i < job.phases.length; i++) {
    const phase = job.phases[i];
    const start = t;
    const end = t + phase.ms;
    t = end;
    if (i < job.applied) continue;
    if (phase.name === "videos" && now >= start) updateVideos(story, phase, now - start);
    if (now < end) break;
    const last = i === job.phases.length - 1;
    if (last && job.failStory) {
      failed = phaseFailMessage(phase);
    } else {
      try {
        applyPhase(story, phase);
      } catch (e) {
        if (!(e instanceof PhaseFailure)) throw e;
        failed = e.message;
      }
    }
    job.applied = i + 1;
    changed = true;
    story.updated_at = apiTimestamp(Math.min(now, end));
    if (failed) break;
  }
  if (failed || job.applied >= job.phases.length) {
    rec.job = undefined;
    if (failed) {
      story.status = "fail";
      story.message = failed;
    } else {
      story.status = job.finalStatus;
      story.progress_percentage = 100;
    }
    return { changed: true, finished: job };
  }
  const total = jobTotalMs(job);
  story.status = "processing";
  story.progress_percentage = total > 0 ? Math.max(0, Math.min(99, Math.floor(((now - job.startedAt) / total) * 100))) : 99;
  return { changed };
}

/** Re-times a running job for a new timeScale, keeping the fraction already done. */
export function rescaleJob(job: Job, newScale: number, now: number) {
  if (job.scale <= 0 || newScale < 0 || job.scale === newScale) return;
  const ratio = newScale / job.scale;
  const elapsed = Math.max(0, now - job.startedAt);
  for (const p of job.phases) {
    p.ms *= ratio;
    if (p.name === "videos") p.doneAt = p.doneAt.map((x) => x * ratio);
  }
  job.startedAt = now - elapsed * ratio;
  job.scale = newScale;
}

/** An uploaded file: its bytes live on disk (uploadsDir), only this reference is kept in memory and in state. */
type UploadRef = { type: string; name: string; size: number };

type StateFile = {
  version: 1;
  savedAt: string;
  /** Base of the media URLs inside the stories when saved. */
  base?: string;
  credits: number;
  stories: StoryRecord[];
  /** `data` (base64) only in state files written before uploads moved to disk; read once and moved. */
  uploads: Array<{ id: string; type: string; name: string; size?: number; data?: string }>;
};

export class Store {
  stories = new Map<string, StoryRecord>();
  uploads = new Map<string, UploadRef>();
  credits: number;
  /** Current base of media URLs (public URL of the server). */
  base = "";
  private loadedBase: string | undefined;
  private saveTimer: NodeJS.Timeout | undefined;
  private dir: string | undefined;

  constructor(
    private readonly initialCredits: number,
    private readonly stateFile?: string,
  ) {
    this.credits = initialCredits;
  }

  /**
   * Where uploads are written: `<state file>-uploads/` next to the state file, or a temporary directory
   * (removed on dispose) when the simulator keeps no state.
   */
  get uploadsDir(): string {
    if (!this.dir) {
      if (this.stateFile) {
        const file = path.resolve(this.stateFile);
        this.dir = path.join(path.dirname(file), `${path.basename(file, ".json")}-uploads`);
        mkdirSync(this.dir, { recursive: true });
      } else {
        this.dir = mkdtempSync(path.join(os.tmpdir(), "vimmerse-sim-uploads-"));
      }
    }
    return this.dir;
  }

  /** Writes an upload to disk once; the state keeps only its reference. */
  saveUpload(id: string, file: { type: string; name: string; data: Buffer }) {
    writeFileSync(path.join(this.uploadsDir, path.basename(id)), file.data);
    this.uploads.set(id, { type: file.type, name: file.name, size: file.data.length });
    this.changed();
  }

  /** The upload's bytes, or null when unknown or gone from disk. */
  readUpload(id: string): { type: string; data: Buffer } | null {
    const ref = this.uploads.get(id);
    if (!ref) return null;
    try {
      return { type: ref.type, data: readFileSync(path.join(this.uploadsDir, path.basename(id))) };
    } catch {
      return null;
    }
  }

  /** Removes the temporary uploads directory of a simulator without a state file. */
  dispose() {
    if (!this.stateFile && this.dir) rmSync(this.dir, { recursive: true, force: true });
  }

  load() {
    if (!this.stateFile || !existsSync(this.stateFile)) return;
    try {
      const state = JSON.parse(readFileSync(this.stateFile, "utf8")) as StateFile;
      this.credits = typeof state.credits === "number" ? state.credits : this.initialCredits;
      this.loadedBase = state.base;
      for (const rec of state.stories ?? []) if (rec?.story?.id) this.stories.set(rec.story.id, rec);
      let moved = false;
      for (const u of state.uploads ?? []) {
        if (!u?.id) continue;
        if (typeof u.data === "string") {
          // an older state file with the bytes inline: moved to disk once
          this.saveUpload(u.id, { type: u.type, name: u.name, data: Buffer.from(u.data, "base64") });
          moved = true;
        } else {
          this.uploads.set(u.id, { type: u.type, name: u.name, size: u.size ?? 0 });
        }
      }
      if (moved) this.saveNow();
    } catch (e) {
      console.warn(`[simulator] could not read state file ${this.stateFile}: ${e instanceof Error ? e.message : e}`);
    }
  }

  /**
   * After a restart on another address (e.g. an ephemeral port), points the media URLs of saved stories at the
   * new one, so images, audio and videos keep loading.
   */
  rebase(base: string) {
    this.base = base;
    const old = this.loadedBase;
    this.loadedBase = undefined;
    if (!old || old === base || this.stories.size === 0) return;
    const moved = JSON.parse(JSON.stringify([...this.stories.values()]).split(`${old}/media/`).join(`${base}/media/`)) as StoryRecord[];
    this.stories.clear();
    for (const rec of moved) this.stories.set(rec.story.id, rec);
    this.changed();
  }

  /** Debounced save. */
  changed() {
    if (!this.stateFile || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      this.saveNow();
    }, 150);
    this.saveTimer.unref?.();
  }

  saveNow() {
    if (!this.stateFile) return;
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
    }
    const state: StateFile = {
      version: 1,
      savedAt: new Date().toISOString(),
      base: this.base || undefined,
      credits: this.credits,
      stories: [...this.stories.values()],
      uploads: [...this.uploads.entries()].map(([id, u]) => ({ id, type: u.type, name: u.name, size: u.size })),
    };
    try {
      mkdirSync(path.dirname(path.resolve(this.stateFile)), { recursive: true });
      const tmp = `${this.stateFile}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(state));
      renameSync(tmp, this.stateFile);
    } catch (e) {
      console.warn(`[simulator] could not write state file ${this.stateFile}: ${e instanceof Error ? e.message : e}`);
    }
  }

  reset() {
    this.stories.clear();
    for (const id of this.uploads.keys()) rmSync(path.join(this.uploadsDir, path.basename(id)), { force: true });
    this.uploads.clear();
    this.credits = this.initialCredits;
    this.changed();
  }
}
