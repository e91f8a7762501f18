import { describe, expect, it } from "vitest";
import { cn } from "@/lib/cn";

/** A className passed to a component overrides the component's own conflicting Tailwind classes. */
describe("cn", () => {
  it("lets the later Tailwind class win", () => {
    expect(cn("px-2 py-1 text-ink-600", "px-4 text-red-700")).toBe("py-1 px-4 text-red-700");
    expect(cn("h-10 rounded-lg", { "h-8": true, hidden: false })).toBe("rounded-lg h-8");
    expect(cn("m-auto w-[min(92vw,36rem)]", "w-[min(96vw,64rem)]")).toBe("m-auto w-[min(96vw,64rem)]");
  });
});
