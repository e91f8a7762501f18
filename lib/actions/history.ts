"use server";

import { z } from "zod";
import { action } from "./action";
import { baseVersionSchema } from "@/lib/validation/storyboard";
import { idField } from "@/lib/validation/ids";
import { restoreStoryVersion } from "@/lib/services/stories";

/** Restores an old version of the storyboard as a new version (never a rewrite). */
export const restoreVersion = action(
  z.object({ storyId: idField, version: z.number().int().min(1).max(1_000_000), baseVersion: baseVersionSchema }),
  async (input, { actor }) => restoreStoryVersion(actor, input),
);
