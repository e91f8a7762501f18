import { logged } from "@/lib/route";
import { getActor } from "@/lib/auth/actor";
import { jsonOrError } from "@/lib/services/http";
import { getUploadSettings } from "@/lib/services/uploads";

/** What the editor needs to know about uploads: whether Vimmerse can see them (and what to set if not). */
export const GET = logged("/api/uploads", async () => jsonOrError(async () => getUploadSettings(await getActor())));
