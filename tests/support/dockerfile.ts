import { readFileSync } from "node:fs";
import path from "node:path";

/** One instruction of a Dockerfile: `COPY --from=build /a ./b` -> { op: "COPY", args: "--from=build /a ./b" }. */
export type Instruction = { op: string; args: string };
export type Stage = { name: string; base: string; instructions: Instruction[] };

/**
 * A small Dockerfile reader for guard tests (no Docker here): joins `\` continuations, drops comments and parser
 * directives, splits into stages at each FROM. Enough for this repository's Dockerfile, not a general parser.
 */
export function parseDockerfile(file: string): Stage[] {
  const text = readFileSync(file, "utf8").replace(/\\\r?\n/g, " ");
  const stages: Stage[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const [, op, args] = /^(\S+)\s*(.*)$/.exec(line)!;
    const upper = op.toUpperCase();
    if (upper === "FROM") {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?/i.exec(args)!;
      stages.push({ base: m[1], name: m[2] ?? String(stages.length), instructions: [] });
      continue;
    }
    stages.at(-1)?.instructions.push({ op: upper, args: args.replace(/\s+/g, " ").trim() });
  }
  return stages;
}

/** The exec-form array of a CMD/HEALTHCHECK CMD (`["./start.sh"]`), or the shell form as one string. */
export function execForm(args: string): string[] {
  const at = args.indexOf("[");
  if (at >= 0) {
    try {
      return JSON.parse(args.slice(at)) as string[];
    } catch {
      /* shell form */
    }
  }
  return [args];
}

/** The last value an instruction set in a stage (`USER`, `WORKDIR`, `CMD`...). */
export function last(stage: Stage, op: string): string | undefined {
  return stage.instructions.filter((i) => i.op === op).at(-1)?.args;
}

export const ROOT = path.resolve(__dirname, "../..");
