"use server";

import { action } from "./action";
import { regenerateSceneSchema, runStepSchema } from "@/lib/validation/steps";
import { regenerateScene as regenerate, runStep as run } from "@/lib/stories/steps";

/** Steps 1.5, 2, 3 and re-compose. Sent once per requestId; never retried by the server. */
export const runStep = action(runStepSchema, async (input) => run(input));

/** Clears one scene's image and runs step 2 again, so only that scene changes. */
export const regenerateScene = action(regenerateSceneSchema, async (input) => regenerate(input));
