/**
 * A story's title: the one its creator gave (or renamed it to), else the title of its storyboard's title scene,
 * else "" (shown as "Untitled story"). The dashboard's title sort repeats this rule in SQL (lib/db/queries.ts,
 * `searchStories`); tests/stories/title.test.ts checks that the two agree.
 */
export function storyTitle(given: string | null | undefined, titleSceneTitle: string | null | undefined): string {
  return given?.trim() || titleSceneTitle?.trim() || "";
}

/** The title scene's title of a stored storyboard (any shape), if it has one. */
export function titleSceneTitle(board: unknown): string | null {
  const scene = (board as { title_scene?: { title?: unknown } } | null)?.title_scene;
  return typeof scene?.title === "string" ? scene.title : null;
}
