// `ffpolicy inspect [--json] -- ffmpeg ARGS…`: ffmpeg's split and the resolved job, in
// the JSON shape of DESIGN.md, or as a readable summary. Exit 2 only where ffmpeg itself
// refuses while splitting.

import type { CatalogueIndex } from "../ffmpeg/catalogue/index.js";
import { isFfmpeg, readCommand } from "../ffmpeg/command.js";
import { loadEffects } from "../ffmpeg/job/effects.js";
import type { Job } from "../ffmpeg/job/model.js";
import type { ParsedOption, Split, UrlGroup } from "../ffmpeg/split.js";
import { EXIT, UsageError, type Io } from "./io.js";

export function runInspect(command: readonly string[], options: { json: boolean }, catalogue: CatalogueIndex, io: Io): number {
  if (!isFfmpeg(command[0]))
    throw new UsageError(`inspect reads ffmpeg commands: write 'ffpolicy inspect -- ffmpeg ARGS…'${command[0] === undefined ? "" : `, not '${command[0]}'`}`);
  const read = readCommand(command.slice(1), catalogue, loadEffects());
  if (!read.ok) {
    io.err(`ffmpeg refuses this command while splitting it: ${read.refusal.message} (argument ${read.refusal.index + 1}, '${read.refusal.option}')\n`);
    if (options.json) io.out(`${JSON.stringify({ refused: read.refusal }, null, 2)}\n`);
    return EXIT.usage;
  }
  if (options.json) io.out(`${JSON.stringify({ ...splitJson(read.split), warnings: read.warnings, job: read.job }, null, 2)}\n`);
  else io.out(summary(read.split, read.job, read.warnings));
  return EXIT.ok;
}

function optionJson(option: ParsedOption): { name: string; specifier: string | null; value: string | null } {
  return { name: option.name, specifier: option.specifier, value: option.value };
}

function groupJson(group: UrlGroup): { url: string; options: ReturnType<typeof optionJson>[] } {
  return { url: group.url, options: group.options.map(optionJson) };
}

export function splitJson(split: Split): object {
  return {
    global: split.global.map(optionJson),
    inputs: split.inputs.map(groupJson),
    outputs: split.outputs.map(groupJson),
    ...(split.decoders.length > 0 ? { decoders: split.decoders.map(groupJson) } : {}),
    trailing: split.trailing.map(optionJson),
  };
}

function tokens(options: readonly ParsedOption[]): string {
  return options
    .map((o) => (o.value === null || (o.match.kind === "option" && o.match.def.arg === "none") ? o.token : `${o.token} ${quote(o.value)}`))
    .join(" ");
}

function quote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}

function summary(split: Split, job: Job, warnings: readonly string[]): string {
  const lines: string[] = [];
  if (job.info) lines.push("information only: ffmpeg prints and exits");
  if (split.global.length > 0) lines.push(`global: ${tokens(split.global)}`);
  split.inputs.forEach((group, i) => {
    const input = job.inputs[i];
    lines.push(`input #${i}: ${group.url}${input?.format ? ` (-f ${input.format})` : ""}${group.options.length > 0 ? `  ${tokens(group.options)}` : ""}`);
  });
  split.outputs.forEach((group, i) => {
    const output = job.outputs[i];
    lines.push(`output #${i}: ${group.url} (${output?.format ?? "no format"})${group.options.length > 0 ? `  ${tokens(group.options)}` : ""}`);
    for (const stream of output?.streams ?? []) {
      const size = stream.size === null ? "" : ` ${stream.size.width}x${stream.size.height}`;
      const rate = [
        stream.rate.b && "value" in stream.rate.b ? `b=${stream.rate.b.value}` : null,
        stream.rate.maxrate && "value" in stream.rate.maxrate ? `maxrate=${stream.rate.maxrate.value}` : null,
        ...stream.rate.quality.map((q) => `${q.via}=${q.value}`),
      ]
        .filter((x) => x !== null)
        .join(" ");
      lines.push(
        `  stream ${stream.index} ${stream.media}: ${stream.encoder ?? "no encoder"}${stream.codec && stream.codec !== stream.encoder ? ` (${stream.codec})` : ""}${size}${rate ? ` ${rate}` : ""} from input ${stream.inputs.join(", ")}`,
      );
    }
  });
  if (split.trailing.length > 0) lines.push(`trailing (ignored): ${tokens(split.trailing)}`);
  if (job.accesses.length > 0) {
    lines.push("opens:");
    for (const a of job.accesses) lines.push(`  ${a.kind.padEnd(9)} ${a.target}  (${a.via}${a.through.length > 0 ? ` through ${a.through.join(", ")}` : ""})`);
  }
  for (const e of job.endpoints.filter((e) => e.server)) lines.push(`serves: ${e.url.raw} (${e.via})`);
  for (const p of job.protections) lines.push(`switches a protection off: -${p.option} ${p.value}`);
  for (const p of job.pending) lines.push(`known only at run time: ${p}`);
  for (const w of warnings) lines.push(`warning: ${w}`);
  return `${lines.join("\n")}\n`;
}
