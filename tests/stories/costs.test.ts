import { describe, expect, it } from "vitest";
import {
  DEFAULT_PRICES,
  VIDEO_CREDITS_PER_5S,
  estimateCost,
  ideaCostInput,
  needsConfirmation,
  sceneVideoCredits,
  type BoardCounts,
} from "@/lib/stories/costs";
import { COSTS, sceneVideoCost } from "@/lib/simulator/steps";
import { MOTION_TYPES } from "@/lib/vimmerse/enums";

const counts = (o: Partial<{ el: [number, number]; sc: [number, number, number]; music: boolean }> = {}): BoardCounts => ({
  elements: { withImage: o.el?.[0] ?? 0, total: o.el?.[1] ?? 4 },
  scenes: { withImage: o.sc?.[0] ?? 0, withNarration: o.sc?.[1] ?? 0, total: o.sc?.[2] ?? 3 },
  music: o.music ?? false,
});
const sceneOpts = {
  option: "Seedream",
  aspectRatio: "16:9",
  enhanceImage: false,
  generateElements: true,
  narrator: "Rachel",
  hasBgMusic: true,
  hasNarration: true,
  nativeAudio: false,
} as const;
const videoOpts = { motionType: "Auto", duration: 5, loop: 1, isTransition: false, title: "" } as const;

describe("estimateCost: the credits a step will take for this storyboard", () => {
  it("charges only what the step makes: element images for elements without one", () => {
    const e = estimateCost({ step: "elements", counts: counts({ el: [1, 4] }), options: sceneOpts, music: false });
    expect(e.credits).toBe(3 * DEFAULT_PRICES.elementImage);
    // With background music on, step 1.5 also makes the music when there is none.
    expect(estimateCost({ step: "elements", counts: counts({ el: [1, 4] }), options: sceneOpts, music: true }).credits).toBe(3 * 3 + 2);
    expect(estimateCost({ step: "elements", counts: counts({ el: [1, 4], music: true }), options: sceneOpts, music: true }).credits).toBe(9);
    expect(e.source).toBe("default");
  });

  it("scene images, narrations and music for what is missing; no narration with native audio", () => {
    expect(estimateCost({ step: "scenes", counts: counts({ sc: [1, 0, 3] }), options: sceneOpts }).credits).toBe(2 * 3 + 3 * 1 + 2);
    const native = estimateCost({ step: "scenes", counts: counts({ music: true }), options: { ...sceneOpts, nativeAudio: true } });
    expect(native.credits).toBe(3 * 3);
    expect(estimateCost({ step: "scenes", regenerate: true }).credits).toBe(DEFAULT_PRICES.sceneImage);
  });

  it("scene videos by model and duration, transitions between scenes; narration ignores the duration", () => {
    const auto = estimateCost({ step: "videos", counts: counts(), options: videoOpts, narration: false });
    expect(auto.credits).toBe(3 * 40);
    const long = estimateCost({ step: "videos", counts: counts(), options: { ...videoOpts, duration: 10 }, narration: false });
    expect(long.credits).toBe(3 * 80);
    const narrated = estimateCost({ step: "videos", counts: counts(), options: { ...videoOpts, duration: 10 }, narration: true });
    expect(narrated.credits).toBe(3 * 40);
    const veo = estimateCost({ step: "videos", counts: counts(), options: { ...videoOpts, motionType: "Veo", isTransition: true }, narration: false });
    expect(veo.credits).toBe(3 * 150 + 2 * DEFAULT_PRICES.transition);
  });

  it("learns from observed spend: scaled by credits used / default estimate of earlier steps", () => {
    const input = { step: "videos" as const, counts: counts(), options: videoOpts, narration: false };
    const e = estimateCost(input, { videos: { estimated: 240, actual: 360, attempts: 2 } });
    expect(e).toMatchObject({ credits: 180, base: 120, source: "observed", observedAttempts: 2 });
    // Another step's observations do not apply.
    expect(estimateCost(input, { scenes: { estimated: 10, actual: 50, attempts: 1 } }).credits).toBe(120);
  });

  it("estimates a whole automatic video from its scene count", () => {
    const e = estimateCost(ideaCostInput({ sceneCount: 3, audio: { hasBgMusic: true, hasNarration: true, nativeAudio: false } }));
    expect(e.credits).toBe(2 + 3 * 3 + 3 * 3 + 3 * 1 + 2 + 3 * 40);
  });

  it("asks above the threshold, and always when the threshold is 0", () => {
    const e = estimateCost({ step: "videos", counts: counts(), options: videoOpts, narration: false });
    expect(needsConfirmation(e, 100)).toBe(true);
    expect(needsConfirmation(e, 120)).toBe(false);
    expect(needsConfirmation(estimateCost({ step: "concat" }), 0)).toBe(true);
  });

  it("the default table is what the demo simulator charges (so demo estimates are exact)", () => {
    expect(COSTS).toMatchObject(DEFAULT_PRICES);
    for (const m of MOTION_TYPES) {
      for (const d of [1, 5, 6, 10]) {
        expect(sceneVideoCost(m, d, false)).toBe(sceneVideoCredits(m, d, false));
      }
      expect(sceneVideoCost(m, 10, true)).toBe(sceneVideoCredits(m, 10, true));
      expect(VIDEO_CREDITS_PER_5S[m]).toBeGreaterThan(0);
    }
  });
});
