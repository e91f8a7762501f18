import "server-only";
import { cache } from "react";
import { notFound } from "next/navigation";
import { getActor } from "@/lib/auth/actor";
import { getStoryPage } from "@/lib/services/stories";
import { isDomainError } from "@/lib/stories/errors";

/**
 * The story of a /stories/[id] request as the actor may see it, read once per request (layout, metadata and page
 * share it). A missing, malformed or other workspace's story is "not found".
 */
export const loadStory = cache(async (id: string) => {
  const actor = await getActor();
  try {
    return { actor: actor!, page: await getStoryPage(actor, id) };
  } catch (e) {
    if (isDomainError(e)) notFound();
    throw e;
  }
});
