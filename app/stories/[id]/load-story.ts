import "server-only";
import { cache } from "react";
import { getDb } from "@/lib/db";
import { getStory } from "@/lib/db/queries";
import { isId } from "@/lib/validation/ids";

/** The story of a /stories/[id] request (read once per request: layout, metadata and page share it). */
export const loadStory = cache(async (id: string) => (isId(id) ? getStory(await getDb(), id) : null));
