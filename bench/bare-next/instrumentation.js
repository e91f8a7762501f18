// Nothing to start: without this file Turbopack takes the studio's instrumentation.ts from the workspace root.
export function register() {}
