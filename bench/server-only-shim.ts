import Module from "node:module";
import path from "node:path";

/**
 * In-process benches call lib/services directly (plain tsx, no React Server Components), where `server-only` throws
 * on import. Import this module FIRST: it resolves `server-only` to an empty module, as vitest.config.mts does.
 */
const empty = path.resolve(__dirname, "../tests/support/empty.ts");
const M = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const original = M._resolveFilename;
M._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
  return request === "server-only" ? empty : original.call(this, request, ...rest);
};
