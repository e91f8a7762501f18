import { z } from "zod";
import { isId } from "./ids";

/** What a page reports about its viewer: its tab, the scene it has focus in (none: null), or that it left. */
export const presenceReportSchema = z.object({
  client: z.string().refine(isId, { message: "Unknown page." }),
  sceneId: z.string().refine(isId, { message: "Unknown scene." }).nullable().optional(),
  left: z.boolean().optional(),
});
export type PresenceReport = z.infer<typeof presenceReportSchema>;
