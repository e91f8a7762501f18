import { narrationOn } from "./model";
import type { MotionType } from "@/lib/vimmerse/enums";
import type { ElementsOptions, ScenesOptions, VideosOptions } from "@/lib/validation/steps";

/**
 * Credits before spending: THE estimate of what a paid step will cost for a given storyboard.
 *
 * Vimmerse publishes no prices (neither the API text nor the OpenAPI copy in /work/shared/reference lists any; they
 * only show `used_credits` in answers). So every figure here is an ESTIMATE, in two layers:
 * 1. DEFAULT_PRICES: a documented per-unit table (what each image, narration, scene video... costs). Its figures
 *    fit the one observation the API text gives (4 scenes: step 2 -> 16 credits = 4 x (3 + 1); step 3 with
 *    Pixverse 5 s -> 160 credits = 4 x 40) and are what the demo simulator charges.
 * 2. Observed spend: every paid attempt records the default-table estimate it was sent with
 *    (`step_attempts.request.estimate`); once some attempts of a step finished, the estimate of that step is the
 *    default-table figure times (credits actually used / default-table estimate) summed over the workspace's
 *    finished attempts of that step. Vimmerse's real prices are thus learnt step by step.
 */

export const COST_STEPS = ["storyboard", "elements", "scenes", "videos", "concat", "idea-2-video", "images-2-video"] as const;
export type CostStep = (typeof COST_STEPS)[number];

/** Per 5-second scene video, by motion model (10 s costs twice as much). */
export const VIDEO_CREDITS_PER_5S: Record<MotionType, number> = {
  StaticMotion: 5,
  PicoMotion: 10,
  Auto: 40,
  AutoT3: 40,
  Pixverse: 40,
  PixverseT3: 40,
  Hunyuan: 40,
  Wan: 40,
  SeedanceFast: 40,
  MinimaxHailuo: 50,
  LumaAI: 50,
  Seedance: 60,
  KlingAI: 60,
  KlingT4: 60,
  LumaRay2: 60,
  RunwayML: 60,
  VeoFast: 80,
  Veo: 150,
  Sora: 100,
  SoraPro: 200,
};

/** The documented default price table (credits per unit). */
export const DEFAULT_PRICES = {
  storyboard: 2,
  elementImage: 3,
  sceneImage: 3,
  narration: 1,
  music: 2,
  transition: 20,
  concat: 2,
} as const;

/** Credits of one scene video: per model, in 5-second blocks. With narration on Vimmerse ignores the duration (5 s). */
export function sceneVideoCredits(motionType: string, durationSeconds: number, narration: boolean): number {
  const per5 = VIDEO_CREDITS_PER_5S[motionType as MotionType] ?? VIDEO_CREDITS_PER_5S.Auto;
  const seconds = narration ? 5 : Math.min(10, Math.max(1, Math.round(durationSeconds)));
  return per5 * Math.ceil(seconds / 5);
}

/** What the saved storyboard has (the status view's media counts), which decides what a step makes. */
export type BoardCounts = {
  elements: { withImage: number; total: number };
  scenes: { withImage: number; withNarration: number; total: number };
  music: boolean;
};

export type CostInput =
  | { step: "storyboard"; sceneCount: number }
  /** `music`: background music is on (step 1.5 also makes the music when there is none yet). */
  | { step: "elements"; counts: BoardCounts; options: ElementsOptions; music: boolean }
  | { step: "scenes"; counts: BoardCounts; options: ScenesOptions; regenerate?: false }
  /** One scene's image again (step 2 with that scene's image left out): its narration and the music stay. */
  | { step: "scenes"; regenerate: true }
  | { step: "videos"; counts: BoardCounts; options: VideosOptions; narration: boolean }
  | { step: "concat" }
  | {
      step: "idea-2-video" | "images-2-video";
      sceneCount: number;
      options: Pick<VideosOptions, "motionType" | "duration" | "isTransition">;
      narration: boolean;
      music: boolean;
    };

/** Observed spend of one step in the workspace: default-table estimates and credits actually used, summed. */
export type ObservedStep = { estimated: number; actual: number; attempts: number };
export type ObservedSpend = Partial<Record<CostStep, ObservedStep>>;

export type CostLine = { label: string; count: number; credits: number };

export type CostEstimate = {
  step: CostStep;
  /** What we expect the step to cost. */
  credits: number;
  /** The default table's figure (recorded with the attempt, to learn from). */
  base: number;
  /** "default": from the documented table; "observed": scaled by this workspace's earlier steps. */
  source: "default" | "observed";
  /** Finished attempts the observation is based on. */
  observedAttempts: number;
  lines: CostLine[];
};

/** ASSUMED elements of an automatic video (the storyboard, and so its elements, is not written yet). */
const ASSUMED_ELEMENTS_PER_SCENE = 1;

function linesFor(input: CostInput): CostLine[] {
  const p = DEFAULT_PRICES;
  const line = (label: string, count: number, each: number): CostLine => ({ label, count, credits: count * each });
  switch (input.step) {
    case "storyboard":
      return [line("storyboard", 1, p.storyboard)];
    case "elements": {
      const missing = input.counts.elements.total - input.counts.elements.withImage;
      return [line("element image", missing, p.elementImage), line("music", input.music && !input.counts.music ? 1 : 0, p.music)];
    }
    case "scenes": {
      if (input.regenerate) return [line("scene image", 1, p.sceneImage)];
      const c = input.counts;
      const images = c.scenes.total - c.scenes.withImage;
      const narrations = narrationOn(input.options) ? c.scenes.total - c.scenes.withNarration : 0;
      const music = input.options.hasBgMusic && !c.music ? 1 : 0;
      return [line("scene image", images, p.sceneImage), line("narration", narrations, p.narration), line("music", music, p.music)];
    }
    case "videos": {
      const n = input.counts.scenes.total;
      const each = sceneVideoCredits(input.options.motionType, input.options.duration, input.narration);
      const label = `scene video (${input.options.motionType}, ${input.narration ? "narrated" : `${input.options.duration} s`})`;
      return [line(label, n, each), line("transition", input.options.isTransition ? Math.max(0, n - 1) : 0, p.transition)];
    }
    case "concat":
      return [line("re-compose", 1, p.concat)];
    case "idea-2-video":
    case "images-2-video": {
      const n = input.sceneCount;
      const each = sceneVideoCredits(input.options.motionType, input.options.duration, input.narration);
      return [
        line("storyboard", 1, p.storyboard),
        line("element image", input.step === "idea-2-video" ? n * ASSUMED_ELEMENTS_PER_SCENE : 0, p.elementImage),
        line("scene image", input.step === "idea-2-video" ? n : 0, p.sceneImage),
        line("narration", input.narration ? n : 0, p.narration),
        line("music", input.music ? 1 : 0, p.music),
        line(`scene video (${input.options.motionType})`, n, each),
        line("transition", input.options.isTransition ? Math.max(0, n - 1) : 0, p.transition),
      ];
    }
  }
}

/**
 * THE estimate of a paid step for this storyboard: the default table, scaled by what this workspace's earlier
 * attempts of the same step actually cost when there are any.
 */
export function estimateCost(input: CostInput, observed: ObservedSpend = {}): CostEstimate {
  const lines = linesFor(input).filter((l) => l.count > 0);
  const base = lines.reduce((a, l) => a + l.credits, 0);
  const seen = observed[input.step];
  const usable = seen && seen.estimated > 0 && seen.attempts > 0;
  const credits = usable ? Math.round((base * seen.actual) / seen.estimated) : base;
  return {
    step: input.step,
    credits,
    base,
    source: usable ? "observed" : "default",
    observedAttempts: usable ? seen.attempts : 0,
    lines,
  };
}

/** Above the threshold (CREDIT_CONFIRM_THRESHOLD, default 100; 0 = always ask) a paid button asks first. */
export function needsConfirmation(estimate: CostEstimate, threshold: number): boolean {
  return estimate.credits > threshold || (threshold === 0 && estimate.credits > 0);
}

/** A number typed in a form (may be "" or text while typing), else the fallback. */
function wholeOr(value: unknown, fallback: number): number {
  const n = Math.round(Number(value));
  return Number.isFinite(n) && n >= 1 ? n : fallback;
}

type AudioChoice = { hasBgMusic: boolean; hasNarration: boolean; nativeAudio: boolean };

/** idea-2-video: the app sends no video tool, so Vimmerse uses Auto at 5 s. */
export function ideaCostInput(form: { sceneCount: number; audio: AudioChoice }): CostInput {
  return {
    step: "idea-2-video",
    sceneCount: wholeOr(form.sceneCount, 3),
    options: { motionType: "Auto", duration: 5, isTransition: false },
    narration: narrationOn(form.audio),
    music: form.audio.hasBgMusic,
  };
}

/** images-2-video: one scene per image. */
export function imagesCostInput(
  form: { motionType: MotionType; duration: number; isTransition: boolean; audio: AudioChoice },
  images: number,
): CostInput {
  return {
    step: "images-2-video",
    sceneCount: images,
    options: { motionType: form.motionType, duration: wholeOr(form.duration, 5), isTransition: form.isTransition },
    narration: narrationOn(form.audio),
    music: form.audio.hasBgMusic,
  };
}
