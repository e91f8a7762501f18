/** The scene views of the editor and the cookie that remembers the chosen one (read by the server and the browser). */
export type SceneView = "detailed" | "board";
export const SCENE_VIEW_COOKIE = "scene-view";
export function parseSceneView(value: string | null | undefined): SceneView {
  return value === "board" ? "board" : "detailed";
}
