import { describe, expect, it } from "vitest";
import { isMalformedPath, malformedUrlResponse } from "@/lib/http/malformed-url";

/** proxy.ts answers 400 for paths that cannot be percent-decoded (Next's router answered 500). */
describe("malformed URLs", () => {
  it.each(["/stories/%E0%A4%A", "/stories/%ZZ", "/api/stories/%/status", "/%C0%AF"])("%s is malformed", (p) => {
    expect(isMalformedPath(p)).toBe(true);
    expect(malformedUrlResponse(`http://app${p}?x=1`)?.status).toBe(400);
  });
  it.each(["/", "/stories/new", "/stories/%00", "/stories/caf%C3%A9", "/api/stories/abc/status"])("%s is fine", (p) => {
    expect(isMalformedPath(p)).toBe(false);
    expect(malformedUrlResponse(`http://app${p}`)).toBeNull();
  });
  it("ignores the query string (its own decoding is the route's business)", () => {
    expect(malformedUrlResponse("http://app/stories/new?idea=%ZZ")).toBeNull();
  });
});
