import "server-only";
import { Document, Font, Image, Page, StyleSheet, Text, View, renderToStream } from "@react-pdf/renderer";
import { Readable } from "node:stream";
import type { Storyboard } from "@/lib/validation/storyboard";
import { imagesAsJpeg } from "./images";

/**
 * The printable board: A4 landscape, 3 × 2 scenes per page, each with its image (JPEG, see images.ts), number, name
 * and narration. Layout per stack-notes: explicit rows of fixed height (no flex-wrap grid), text cut in JS,
 * hyphenation off, built-in Helvetica (Latin; other scripts would need a registered TTF).
 */
export const SCENES_PER_ROW = 3;
export const ROWS_PER_PAGE = 2;
export const SCENES_PER_PAGE = SCENES_PER_ROW * ROWS_PER_PAGE;

/** How many pages a board of `scenes` scenes takes (at least one, for the title). */
export function pageCount(scenes: number): number {
  return Math.max(1, Math.ceil(scenes / SCENES_PER_PAGE));
}

Font.registerHyphenationCallback((word) => [word]);

const s = StyleSheet.create({
  page: { paddingVertical: 24, paddingHorizontal: 28, fontFamily: "Helvetica", fontSize: 9, color: "#1d1d26" },
  header: { flexDirection: "row", justifyContent: "space-between", alignItems: "flex-end", marginBottom: 10 },
  title: { fontSize: 16, fontFamily: "Helvetica-Bold" },
  meta: { fontSize: 9, color: "#5a5a6e" },
  // Two rows must fit an A4 landscape page (595 pt): 24 + ~30 header + 2 × (236 + 8) + 24.
  row: { flexDirection: "row", height: 236, marginBottom: 8, overflow: "hidden" },
  cell: { width: 254, marginRight: 12 },
  lastCell: { width: 254 },
  image: { width: 254, height: 143, objectFit: "cover", backgroundColor: "#eeeef2" },
  placeholder: {
    width: 254,
    height: 143,
    backgroundColor: "#eeeef2",
    justifyContent: "center",
    alignItems: "center",
    color: "#5a5a6e",
  },
  sceneTitle: { marginTop: 6, fontSize: 10, fontFamily: "Helvetica-Bold" },
  narration: { marginTop: 3 },
});

function cut(text: string | undefined, max: number): string {
  const t = (text ?? "").replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max - 1).trimEnd()}…` : t;
}

type SceneCell = { number: number; name: string; narration: string; image: Buffer | null };

function Board({ title, cells }: { title: string; cells: SceneCell[] }) {
  const pages: SceneCell[][] = [];
  for (let i = 0; i < Math.max(1, cells.length); i += SCENES_PER_PAGE) pages.push(cells.slice(i, i + SCENES_PER_PAGE));
  return (
    <Document title={title} creator="Storyboard Studio" producer="Storyboard Studio">
      {pages.map((pageCells, p) => (
        <Page key={p} size="A4" orientation="landscape" style={s.page}>
          <View style={s.header}>
            <Text style={s.title}>{cut(title, 90)}</Text>
            <Text style={s.meta}>
              {cells.length} {cells.length === 1 ? "scene" : "scenes"} · page {p + 1} of {pages.length}
            </Text>
          </View>
          {pageCells.length === 0 ? <Text style={s.meta}>This storyboard has no scenes yet.</Text> : null}
          {[0, 1].map((r) => {
            const rowCells = pageCells.slice(r * SCENES_PER_ROW, (r + 1) * SCENES_PER_ROW);
            if (rowCells.length === 0) return null;
            return (
              <View key={r} style={s.row} wrap={false}>
                {rowCells.map((c, i) => (
                  <View key={c.number} style={i === SCENES_PER_ROW - 1 ? s.lastCell : s.cell}>
                    {c.image ? (
                      // eslint-disable-next-line jsx-a11y/alt-text -- a PDF image (react-pdf), not an HTML <img>
                      <Image src={c.image} style={s.image} />
                    ) : (
                      <View style={s.placeholder}>
                        <Text>No image</Text>
                      </View>
                    )}
                    <Text style={s.sceneTitle}>{cut(`Scene ${c.number}${c.name ? ` · ${c.name}` : ""}`, 48)}</Text>
                    <Text style={s.narration}>{cut(c.narration, 360) || " "}</Text>
                  </View>
                ))}
              </View>
            );
          })}
        </Page>
      ))}
    </Document>
  );
}

/** The board as a PDF byte stream (web stream, for a Response). Images are fetched and converted first. */
export async function storyboardPdfStream(title: string, board: Storyboard, signal?: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const images = await imagesAsJpeg(board.scenes.map((scene) => scene.image_url), signal);
  const cells = board.scenes.map((scene, i) => ({
    number: i + 1,
    name: scene.name ?? "",
    narration: scene.narrator ?? "",
    image: images[i],
  }));
  const stream = await renderToStream(<Board title={title || "Untitled story"} cells={cells} />);
  return Readable.toWeb(stream as unknown as Readable) as ReadableStream<Uint8Array>;
}
