import "server-only";
// Any zod v4 schema: lib/validation uses zod/mini (small in the browser), a few action-only inputs use zod.
import * as z from "zod/v4/core";
import { isVimmerseError } from "@/lib/vimmerse/errors";
import { DomainError, isDomainError } from "@/lib/stories/errors";
import { getActor, getSignedIn, type Actor, type SignedIn } from "@/lib/auth/actor";
import { SIGN_IN_MESSAGE } from "@/lib/services/access";
import { log, requestIdFrom, type Logger } from "@/lib/log";
import type { ActionError, ActionErrorCode, ActionResult } from "./result";

/**
 * The one validated action layer. Every server action is `action(schema, handler)`:
 * - the input is parsed with the concept's zod schema (the same one the form uses),
 * - known failures become typed, user-safe errors (never a stack trace or a raw upstream body),
 * - unknown failures are logged and reported as "internal".
 * - `context()` gives every handler its actor; the services (lib/services) check what the actor may do.
 */

export type ActionContext = {
  /** Who is acting (user, workspace, role); null when signed in but not a member of any workspace. */
  actor: Actor | null;
  signedIn: SignedIn;
};

/** Every action knows its actor; signed out is a typed error before the handler runs. */
async function context(): Promise<ActionContext> {
  const signedIn = await getSignedIn();
  if (!signedIn) throw new DomainError("unauthenticated", SIGN_IN_MESSAGE);
  return { actor: await getActor(), signedIn };
}

/** Throw from a handler to return a typed error. */
export class ActionFailure extends Error {
  constructor(
    readonly code: ActionErrorCode,
    message: string,
    readonly extra: Omit<ActionError, "code" | "message"> = {},
  ) {
    super(message);
    this.name = "ActionFailure";
  }
}

export function fieldErrorsFromZod(error: z.$ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}

export function toActionError(e: unknown, logger: Logger = log): ActionError {
  if (e instanceof ActionFailure) return { code: e.code, message: e.message, ...e.extra };
  if (isDomainError(e)) return { code: e.code, message: e.message, ...e.extra };
  if (e instanceof z.$ZodError) {
    return { code: "validation", message: "Some fields need your attention.", fieldErrors: fieldErrorsFromZod(e) };
  }
  if (isVimmerseError(e)) {
    const fieldErrors = e.fieldErrors.length
      ? Object.fromEntries(e.fieldErrors.map((f) => [f.field, f.message]))
      : undefined;
    return {
      code: "upstream",
      kind: e.kind,
      message: e.userMessage,
      fieldErrors,
      outcomeUnknown: e.outcomeUnknown,
    };
  }
  logger.error("server action failed", { err: e });
  return {
    code: "internal",
    message: "Something went wrong on our side. Nothing you typed was lost; please try again.",
  };
}

export function action<S extends z.$ZodType, T>(
  schema: S,
  handler: (input: z.output<S>, ctx: ActionContext) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (input) => {
    try {
      const ctx = await context();
      const parsed = z.safeParse(schema, input);
      if (!parsed.success) {
        return {
          ok: false,
          error: {
            code: "validation",
            message: "Some fields need your attention.",
            fieldErrors: fieldErrorsFromZod(parsed.error),
          },
        };
      }
      const data = await handler(parsed.data, ctx);
      return { ok: true, data };
    } catch (e) {
      return { ok: false, error: toActionError(e, log.child({ requestId: await currentRequestId(), route: "server action" })) };
    }
  };
}

/**
 * An action without a session (a guest with a review link): the same validation and typed errors; the handler's
 * service checks its own key (the link's token). Use only where a capability token is the whole authorisation.
 */
export function publicAction<S extends z.$ZodType, T>(
  schema: S,
  handler: (input: z.output<S>) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (input) => {
    try {
      const parsed = z.safeParse(schema, input);
      if (!parsed.success) {
        return { ok: false, error: { code: "validation", message: "Some fields need your attention.", fieldErrors: fieldErrorsFromZod(parsed.error) } };
      }
      return { ok: true, data: await handler(parsed.data) };
    } catch (e) {
      return { ok: false, error: toActionError(e, log.child({ requestId: await currentRequestId(), route: "server action" })) };
    }
  };
}

/** The request id of the action's request (`x-request-id`, else a new one) for its log lines. */
async function currentRequestId(): Promise<string | undefined> {
  try {
    const { headers } = await import("next/headers");
    return requestIdFrom(await headers());
  } catch {
    return undefined; // called outside a request (tests)
  }
}
