import * as z from "zod/mini";
import { isId } from "./ids";

/** What a page reports about its viewer: its tab, the scene it has focus in (none: null), or that it left. */
export const presenceReportSchema = z.object({
  client: z.string().check(z.refine(isId, "Unknown page.")),
  sceneId: z.optional(z.nullable(z.string().check(z.refine(isId, "Unknown scene.")))),
  left: z.optional(z.boolean()),
});
export type PresenceReport = z.infer<typeof presenceReportSchema>;
