// The split, proven against the real ffmpeg: every corpus command is run through
// ffmpeg 5.1 at `-loglevel debug` (the oracle) and through splitCommandLine, and the two
// readings are compared token by token, group by group. Prints the agreement rate.

import { describe, expect, it } from "vitest";
import { defaultCatalogue } from "../../src/ffmpeg/catalogue/index.js";
import { splitCommandLine, type ParsedOption, type Split } from "../../src/ffmpeg/split.js";
import { readCorpus, runOracleBatch, type CorpusEntry, type OracleResult, type OracleToken } from "./oracle.js";

const corpus = [...readCorpus("test/ffmpeg/corpus/docs.txt"), ...readCorpus("test/ffmpeg/corpus/edge-cases.txt")];
const table = defaultCatalogue().options;

interface Token {
  index: number;
  kind: OracleToken["kind"];
  name?: string;
  argument?: string;
}

/** Our split, in the oracle's vocabulary. A `--` that nothing consumed is a token of its own. */
function ourTokens(argv: readonly string[], split: Split): Token[] {
  const tokens: Token[] = [];
  const used = new Set<number>();
  const option = (o: ParsedOption) => {
    used.add(o.index);
    const takesArgument = o.match.kind === "avoption" || (o.match.def.arg !== "none" && o.token.slice(1) !== `no${o.name}`);
    if (takesArgument && o.value !== null) used.add(o.index + 1);
    tokens.push({
      index: o.index,
      kind: o.match.kind,
      name: o.match.kind === "option" ? o.name : o.token.slice(1),
      ...(o.value === null ? {} : { argument: o.value }),
    });
  };
  [...split.global, ...split.trailing].forEach(option);
  for (const g of split.inputs) {
    used.add(g.index - 1).add(g.index);
    tokens.push({ index: g.index - 1, kind: "input", argument: g.url });
    g.options.forEach(option);
  }
  for (const g of split.outputs) {
    used.add(g.index);
    tokens.push({ index: g.index, kind: "output" });
    g.options.forEach(option);
  }
  argv.forEach((token, index) => {
    if (!used.has(index)) tokens.push({ index, kind: token === "--" ? "dashdash" : (`unaccounted ${token}` as Token["kind"]) });
  });
  return tokens.sort((a, b) => a.index - b.index);
}

function oracleTokens(result: OracleResult): Token[] {
  return result.tokens.map((t) => ({
    index: t.index,
    kind: t.kind,
    ...(t.name === undefined ? {} : { name: t.name }),
    ...(t.argument === undefined || t.kind === "output" ? {} : { argument: t.argument }),
  }));
}

/** ffmpeg warns about trailing options only for table options and codec/format AVOptions. */
function warnsTrailing(split: Split): boolean {
  return split.trailing.some((o) => o.match.kind === "option" || o.match.layers.some((l) => l === "codec" || l === "format"));
}

function compare(entry: CorpusEntry, oracle: OracleResult): string | null {
  const argv = entry.argv.slice(1);
  const ours = splitCommandLine(argv, table);
  if (oracle.refused !== null) {
    if (ours.ok) return `ffmpeg refused at token ${oracle.refused.index} (${oracle.refused.message.trim()}), we accepted`;
    return ours.refusal.index === oracle.refused.index ? null : `refused at token ${ours.refusal.index}, ffmpeg at ${oracle.refused.index}`;
  }
  if (!ours.ok) return `we refused (${ours.refusal.message}), ffmpeg accepted`;
  const expected = JSON.stringify(oracleTokens(oracle));
  const actual = JSON.stringify(ourTokens(argv, ours.split));
  if (expected !== actual) return `tokens differ:\n  ffmpeg: ${expected}\n  ours:   ${actual}`;
  if (oracle.trailing !== warnsTrailing(ours.split)) return `trailing warning: ffmpeg ${oracle.trailing}, ours ${warnsTrailing(ours.split)}`;
  for (const group of oracle.groups) {
    const mine =
      group.kind === "global" ? ours.split.global : (group.kind === "input" ? ours.split.inputs : ours.split.outputs).find((g) => g.url === group.url)?.options;
    if (mine === undefined) return `no ${group.kind} group for ${group.url}`;
    const applied = mine.filter((o) => o.match.kind === "option").map((o) => o.token.slice(1));
    const theirs = group.applied.map((a) => a.key);
    if (group.complete && JSON.stringify(applied) !== JSON.stringify(theirs))
      return `${group.kind} ${group.url ?? ""} applies ${JSON.stringify(theirs)}, ours ${JSON.stringify(applied)}`;
  }
  return null;
}

describe("split agrees with the real ffmpeg 5.1", () => {
  it(`on the corpus (${corpus.length} commands)`, async () => {
    const results = await runOracleBatch(corpus.map((e) => e.argv));
    const disagreements: string[] = [];
    corpus.forEach((entry, i) => {
      const result = results[i]!;
      expect(result.parseError, `${entry.file}:${entry.line}: oracle could not read ffmpeg's log`).toBeNull();
      const problem = compare(entry, result);
      if (problem !== null) disagreements.push(`${entry.file}:${entry.line}: ${entry.text}\n  ${problem}`);
    });
    const agreed = corpus.length - disagreements.length;
    process.stdout.write(
      `\nsplit agreement with ffmpeg ${results[0]?.sandbox ?? ""}: ${agreed}/${corpus.length} (${((100 * agreed) / corpus.length).toFixed(1)}%)\n`,
    );
    expect(disagreements).toEqual([]);
  }, 300_000);
});
