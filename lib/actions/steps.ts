"use server";

import { action } from "./action";
import { regenerateSceneSchema, runStepSchema } from "@/lib/validation/steps";
import * as stories from "@/lib/services/stories";

/** Steps 1.5, 2, 3 and re-compose. Sent once per requestId; never retried by the server. */
export const runStep = action(runStepSchema, async (input, { actor }) => stories.runStep(actor, input));

/** Clears one scene's image and runs step 2 again, so only that scene changes. */
export const regenerateScene = action(regenerateSceneSchema, async (input, { actor }) =>
  stories.regenerateScene(actor, input),
);
