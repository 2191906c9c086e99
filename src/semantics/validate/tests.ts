// `test` blocks: complete (as, run, expect), identities that name a real provider, a
// command that splits, facts that parse.

import { range } from "../../base/range.js";
import { diagnostic } from "../../diagnostics/diagnostic.js";
import { splitShellWords } from "../../ffmpeg/shell-words.js";
import type * as Ast from "../../syntax/ast.js";
import type { Context } from "../context.js";
import { parseBitrate, parseDuration, parseFrameRate, parseResolution } from "../quantities.js";
import { checkQuantity } from "./quantity.js";
import { checkProviderName, checkWordIn } from "./statements.js";

const MEDIA = ["video", "audio", "subtitle", "data"] as const;
const REQUIRED: readonly [Ast.TestItem["kind"], string][] = [
  ["As", "'as PROVIDER { claims }'"],
  ["Run", "'run \"ffmpeg …\"'"],
  ["Expect", "'expect allow', 'expect allow strict' or 'expect deny'"],
];
const SINGLE: readonly Ast.TestItem["kind"][] = ["As", "Run", "Expect", "Cwd"];

export function checkTest(ctx: Context, file: string, test: Ast.TestDecl): void {
  for (const [kind, what] of REQUIRED) {
    if (!test.items.some((item) => item.kind === kind)) ctx.sink.add(file, diagnostic("FFP3010", test.name.range, `test '${test.name.value}' needs ${what}`));
  }
  for (const kind of SINGLE) {
    for (const extra of test.items.filter((item) => item.kind === kind).slice(1)) {
      ctx.sink.add(file, diagnostic("FFP3009", extra.range, `a test holds one '${keyword(kind)}'; remove this one`));
    }
  }
  for (const item of test.items) checkItem(ctx, file, item);
}

function keyword(kind: Ast.TestItem["kind"]): string {
  return kind === "History" ? "with history" : kind.toLowerCase();
}

function checkItem(ctx: Context, file: string, item: Ast.TestItem): void {
  switch (item.kind) {
    case "As":
      checkProviderName(ctx, file, item.provider);
      checkDuplicateKeys(ctx, file, item.claims);
      return;
    case "Run":
      checkRun(ctx, file, item);
      return;
    case "Cwd":
      if (!item.path.value.startsWith("/")) ctx.sink.add(file, diagnostic("FFP3007", item.path.range, "cwd must be an absolute path"));
      return;
    case "Input":
      for (const stream of item.streams) checkStreamFact(ctx, file, stream);
      return;
    case "History":
      for (const entry of item.entries) {
        checkWordIn(ctx, file, entry.metric, ["jobs"], "history metric");
        checkQuantity(ctx, file, entry.count, "count");
        checkQuantity(ctx, file, entry.window, "duration");
      }
      return;
    case "Expect":
      return;
  }
}

function checkRun(ctx: Context, file: string, run: Ast.RunItem): void {
  const command = run.command;
  let argv: readonly string[];
  if (command.kind === "String") {
    const split = splitShellWords(command.value);
    if (!split.ok) {
      ctx.sink.add(file, diagnostic("FFP1007", command.range, `this command does not split into arguments: ${split.message}`));
      return;
    }
    argv = split.words;
  } else {
    const words = command.items.filter((item) => item.kind === "Word");
    for (const word of words) ctx.sink.add(file, diagnostic("FFP3007", word.range, `quote each argument: "${word.text}"`));
    argv = command.items.map((item) => (item.kind === "String" ? item.value : item.text));
  }
  const program = argv[0];
  if (program === undefined || program.split("/").at(-1) !== "ffmpeg") {
    ctx.sink.add(
      file,
      diagnostic("FFP1007", command.range, `a test runs ffmpeg: the command must start with 'ffmpeg'${program === undefined ? "" : `, not '${program}'`}`),
    );
  }
}

/** `video h264 1920x1080 8M 30fps 10s`: media kind, then codec, resolution, bitrate, frame rate, duration in any order. */
function checkStreamFact(ctx: Context, file: string, stream: Ast.StreamFact): void {
  if (!checkWordIn(ctx, file, stream.media, MEDIA, "stream kind")) return;
  const media = stream.media.text as Ast.MediaKind;
  for (const value of stream.values) {
    const text = value.kind === "Word" ? value.text : value.value;
    if (factKind(text) !== null) continue;
    if (ctx.catalogue.codecType(text) === media) continue;
    ctx.sink.add(
      file,
      diagnostic("FFP3007", value.range, `'${text}' is not a ${media} codec, resolution (1920x1080), bitrate (8M), frame rate (30fps) or duration (10s)`),
    );
  }
}

export type FactKind = "resolution" | "frame_rate" | "duration" | "bitrate";

/** How a stream fact's word reads, in this order: 1920x1080, 30fps, 10s, 8M. Null for a codec name. */
export function factKind(text: string): FactKind | null {
  if (parseResolution(text).ok) return "resolution";
  if (text.endsWith("fps") && parseFrameRate(text).ok) return "frame_rate";
  if (parseDuration(text).ok) return "duration";
  if (/[kKMG]$/.test(text) && parseBitrate(text).ok) return "bitrate";
  return null;
}

function checkDuplicateKeys(ctx: Context, file: string, object: Ast.JsonObject): void {
  const seen = new Set<string>();
  for (const entry of object.entries) {
    const key = entry.key.kind === "Word" ? entry.key.text : entry.key.value;
    if (seen.has(key)) ctx.sink.add(file, diagnostic("FFP1008", range(entry.key.range.start, entry.key.range.end), `'${key}' appears twice in these claims`));
    seen.add(key);
    if (entry.value.kind === "JsonObject") checkDuplicateKeys(ctx, file, entry.value);
  }
}
