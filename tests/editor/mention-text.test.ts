import { describe, expect, it, vi } from "vitest";
import { highlightedPart, mentionedKeys } from "@/components/editor/mention-text";
import { debounce } from "@/components/editor/debounce";

describe("mention highlight text", () => {
  it("keeps the text up to the end of the word holding the last mention", () => {
    expect(highlightedPart("**Ada** walks to the **Harbour** at dawn")).toBe("**Ada** walks to the **Harbour**");
    expect(highlightedPart("**Ada**'s boat rocks")).toBe("**Ada**'s");
    expect(highlightedPart("the end **Ada**")).toBe("the end **Ada**");
  });
  it("is empty without mentions, so typing in such a field draws nothing", () => {
    expect(highlightedPart("no mentions here")).toBe("");
    expect(highlightedPart(undefined)).toBe("");
  });
  it("typing after the last mention leaves it unchanged; typing before it changes it", () => {
    const text = "**Ada** walks";
    expect(highlightedPart(`${text} on`)).toBe(highlightedPart(text));
    expect(highlightedPart(`Then ${text}`)).not.toBe(highlightedPart(text));
  });
  it("lists the mentioned names once, in any case, sorted", () => {
    expect(mentionedKeys(["**Bo** and **Ada**", undefined, "**ada** again"])).toBe(mentionedKeys(["**Ada**", "**Bo**"]));
    expect(mentionedKeys(["plain", ""])).toBe("");
  });
});

describe("debounce", () => {
  it("runs once, the given time after the last call; flush runs a pending call now, cancel drops it", () => {
    vi.useFakeTimers();
    try {
      const fn = vi.fn();
      const d = debounce(fn, 400);
      d.call();
      vi.advanceTimersByTime(300);
      d.call();
      vi.advanceTimersByTime(300);
      expect(fn).not.toHaveBeenCalled();
      vi.advanceTimersByTime(100);
      expect(fn).toHaveBeenCalledTimes(1);
      d.call();
      d.flush();
      expect(fn).toHaveBeenCalledTimes(2);
      d.flush();
      d.call();
      d.cancel();
      vi.advanceTimersByTime(1000);
      expect(fn).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
