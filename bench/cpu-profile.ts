/**
 * Summarises a V8 .cpuprofile (e.g. from `npx tsx bench/status.ts --cpu-prof <dir>`): the functions with the most
 * self time, and the most inclusive ("total") time per function, as a share of all samples.
 *
 *   npx tsx bench/cpu-profile.ts <file.cpuprofile> [--top 25]
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: "string", default: "25" } } });
const profile = JSON.parse(readFileSync(positionals[0], "utf8")) as Profile;
const top = Number(values.top);

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const selfMs = new Map<number, number>();
profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
const all = [...selfMs.values()].reduce((a, b) => a + b, 0);

function label(n: Node): string {
  const url = n.callFrame.url.replace(/^.*\/(node_modules|\.next)\//, "$1/");
  return `${n.callFrame.functionName || "(anonymous)"} ${url}:${n.callFrame.lineNumber + 1}`;
}

const self = new Map<string, number>();
const total = new Map<string, number>();
for (const [id, ms] of selfMs) {
  const n = byId.get(id)!;
  self.set(label(n), (self.get(label(n)) ?? 0) + ms);
  // Inclusive time: once per distinct function on the sample's stack (recursion counted once).
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const l = label(byId.get(cur)!);
    if (seen.has(l)) continue;
    seen.add(l);
    total.set(l, (total.get(l) ?? 0) + ms);
  }
}
const show = (title: string, m: Map<string, number>) => {
  process.stdout.write(`\n${title} (of ${all.toFixed(0)} ms sampled)\n`);
  for (const [l, ms] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top))
    process.stdout.write(`${((ms / all) * 100).toFixed(1).padStart(5)} %  ${ms.toFixed(0).padStart(7)} ms  ${l}\n`);
};
show("self time", self);
show("total time", total);
