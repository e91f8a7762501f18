import { writeFileSync, mkdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { pageCount, storyboardPdfStream } from "@/lib/pdf/storyboard-pdf";
import type { Storyboard } from "@/lib/validation/storyboard";

const long = "The fox winds its key and walks on through the snow, counting every tree it passes. ".repeat(8);

function board(scenes: number): Storyboard {
  return {
    characters: [],
    environments: [],
    objects: [],
    music: { description: "", lyrics: "" },
    scenes: Array.from({ length: scenes }, (_, i) => ({
      name: `A rather long scene name number ${i + 1} that goes on`,
      image_description: "",
      video_description: "",
      narrator: long,
      image_url: "",
    })),
  };
}

async function render(scenes: number): Promise<string> {
  const stream = await storyboardPdfStream("A very long title ".repeat(10), board(scenes));
  const bytes = Buffer.from(await new Response(stream).arrayBuffer());
  mkdirSync("test-results", { recursive: true });
  writeFileSync(`test-results/pdf-${scenes}.pdf`, bytes);
  return bytes.toString("latin1");
}

const pages = (pdf: string) => pdf.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;

describe("the printable board", () => {
  it("has one A4 landscape page per six scenes, however long the texts (no row spills onto a page of its own)", async () => {
    for (const n of [0, 1, 6, 7, 13]) {
      const pdf = await render(n);
      expect(pdf.startsWith("%PDF-")).toBe(true);
      expect(pages(pdf), `${n} scenes`).toBe(pageCount(n));
    }
    expect([pageCount(0), pageCount(6), pageCount(7), pageCount(13)]).toEqual([1, 1, 2, 3]);
  }, 60_000);
});
