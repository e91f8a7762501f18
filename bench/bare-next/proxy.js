// Matches nothing: without this file Turbopack takes the studio's proxy.ts from the workspace root, and the
// baseline would pay for it.
export function proxy() {}

export const config = { matcher: ["/__bare-next-never__"] };
