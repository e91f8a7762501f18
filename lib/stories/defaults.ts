import { ASPECT_RATIOS, NARRATORS, type AspectRatio, type Narrator } from "@/lib/vimmerse/enums";
import type { StepDefaults } from "@/lib/validation/steps";
import { narrationOn } from "./model";

/** Step options start from what the creator chose when the story was made. */
export function stepDefaults(settings: Record<string, unknown> | null | undefined, title: string): StepDefaults {
  const s = (settings ?? {}) as {
    aspectRatio?: string;
    audio?: { hasBgMusic?: boolean; hasNarration?: boolean; nativeAudio?: boolean; narrator?: string };
  };
  const aspectRatio: AspectRatio = (ASPECT_RATIOS as readonly string[]).includes(s.aspectRatio ?? "")
    ? (s.aspectRatio as AspectRatio)
    : "16:9";
  const narrator: Narrator = (NARRATORS as readonly string[]).includes(s.audio?.narrator ?? "")
    ? (s.audio!.narrator as Narrator)
    : "Rachel";
  return {
    elements: { option: "Seedream", aspectRatio, enhanceImage: false },
    scenes: {
      option: "Seedream",
      aspectRatio,
      enhanceImage: false,
      generateElements: true,
      narrator,
      hasBgMusic: s.audio?.hasBgMusic ?? true,
      hasNarration: narrationOn(s.audio),
      nativeAudio: s.audio?.nativeAudio ?? false,
    },
    videos: { motionType: "Auto", duration: 5, loop: 1, isTransition: false, title },
  };
}
