import { describe, expect, it, vi } from "vitest";
import { zodResolver } from "@hookform/resolvers/zod";
import type { Resolver } from "react-hook-form";
import { lazyZodResolver } from "@/lib/validation/lazy-resolver";
import { signUpSchema, inviteSchema, type SignUpInput } from "@/lib/validation/teams";
import { newStorySchema, newStoryDefaults, type NewStoryInput } from "@/lib/validation/new-story";
import { storyboardSchema, type Storyboard } from "@/lib/validation/storyboard";

/**
 * The forms load their schema on first focus (issue 11) instead of with the page: what a user sees on a field must be
 * exactly what the eager zodResolver showed, and the schema module is loaded once.
 */
const options = { fields: {}, shouldUseNativeValidation: false } as Parameters<Resolver>[2];

async function both<T extends Record<string, unknown>>(schema: unknown, values: T) {
  const eager = (zodResolver(schema as never) as unknown as Resolver<T>)(values, undefined, options as never);
  const lazy = lazyZodResolver<T>(async () => schema as never)(values, undefined, options as never);
  return { eager: await eager, lazy: await lazy };
}

describe("lazyZodResolver", () => {
  it("gives the same field messages as zodResolver for bad input", async () => {
    const { eager, lazy } = await both<SignUpInput>(signUpSchema, { name: "", email: "not-an-email", password: "short" } as SignUpInput);
    expect(Object.keys(lazy.errors).length).toBeGreaterThan(0);
    expect(lazy).toEqual(eager);
    expect(lazy.errors.email?.message).toBe("Enter a valid email address.");
    expect(lazy.errors.password?.message).toBe("Use at least 8 characters.");
  });

  it("gives the same values as zodResolver for good input (trimmed, parsed)", async () => {
    const values = { ...newStoryDefaults(), idea: "  A fox learns to knit  " } as NewStoryInput;
    const { eager, lazy } = await both<NewStoryInput>(newStorySchema, values);
    expect(lazy.errors).toEqual({});
    expect(lazy).toEqual(eager);
    expect((lazy.values as NewStoryInput).idea).toBe("A fox learns to knit");
  });

  it("reports a nested storyboard field on its path", async () => {
    const board = { characters: [{ name: "", description: "" }], environments: [], objects: [], music: { description: "", lyrics: "" }, scenes: [] };
    const { eager, lazy } = await both<Storyboard>(storyboardSchema, board as unknown as Storyboard);
    expect(lazy).toEqual(eager);
    expect(lazy.errors.characters?.[0]?.name?.message).toBe("Give it a name");
  });

  it("loads the schema once, whether preloaded or first used on submit", async () => {
    const load = vi.fn(async () => inviteSchema);
    const resolver = lazyZodResolver<{ email: string; role: string }>(load as never);
    expect(load).not.toHaveBeenCalled();
    resolver.preload();
    resolver.preload();
    await resolver({ email: "a@b.test", role: "editor" }, undefined, options as never);
    await resolver({ email: "", role: "editor" }, undefined, options as never);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("lets the values through to the server action when the schema cannot load, and tries the load again next time", async () => {
    let fail = true;
    const load = vi.fn(async () => {
      if (fail) throw new Error("chunk failed to load");
      return inviteSchema;
    });
    const resolver = lazyZodResolver<{ email: string; role: string }>(load as never);
    // The submit is not stuck: the server action validates with the same schema and answers with the same message.
    const unchecked = await resolver({ email: "", role: "editor" }, undefined, options as never);
    expect(unchecked).toEqual({ values: { email: "", role: "editor" }, errors: {} });
    fail = false;
    const result = await resolver({ email: "", role: "editor" }, undefined, options as never);
    expect(result.errors.email?.message).toBe("Enter an email address.");
    expect(load).toHaveBeenCalledTimes(2);
  });
});
