/**
 * The three start forms' first values, kept apart from their schemas (new-story.ts, auto.ts) so the forms render
 * without loading zod: the schemas load on the form's first focus (lib/validation/lazy-resolver.ts, issue 11).
 */
import type { NewStoryInput } from "./new-story";
import type { IdeaToVideoForm, ImagesToVideoForm } from "./auto";

export function newStoryDefaults(): NewStoryInput {
  return {
    requestId: globalThis.crypto.randomUUID(),
    idea: "",
    title: "",
    sceneCount: 3,
    language: "English",
    aspectRatio: "16:9",
    audio: { hasBgMusic: true, hasNarration: true, nativeAudio: false, narrator: "Rachel" },
    characters: [],
    environments: [],
    objects: [],
    imageUrls: [],
  };
}

const audioDefaults = { hasBgMusic: true, hasNarration: true, nativeAudio: false, narrator: "Rachel" as const };

export function ideaToVideoDefaults(): IdeaToVideoForm {
  return {
    requestId: globalThis.crypto.randomUUID(),
    idea: "",
    title: "",
    aspectRatio: "16:9",
    sceneCount: 3,
    language: "English",
    audio: audioDefaults,
    characters: [],
    environments: [],
    objects: [],
  };
}

export function imagesToVideoDefaults(): ImagesToVideoForm {
  return {
    requestId: globalThis.crypto.randomUUID(),
    idea: "",
    title: "",
    description: "",
    visibility: "1",
    aspectRatio: "16:9",
    language: "English",
    audio: audioDefaults,
    motionType: "Auto",
    duration: 5,
    loop: 1,
    isTransition: false,
    imageUrls: [],
  };
}
