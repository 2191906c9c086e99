// Collects what a job opens while the resolver walks the command.

import type { UrlContext } from "../url.js";
import { parseUrl, type Url } from "../url.js";
import type { OpeningEffect } from "./effects.js";
import type { Access, AccessKind, Endpoint, Problem, ProtectionOverride } from "./model.js";

export interface Where {
  readonly argIndex: number;
  readonly input?: number;
  readonly output?: number;
  /** The complex filter graph it happens in (its content reaches the outputs that use the graph). */
  readonly graph?: number;
}

export class JobBuilder {
  readonly accesses: Access[] = [];
  readonly endpoints: Endpoint[] = [];
  readonly protections: ProtectionOverride[] = [];
  readonly problems: Problem[] = [];
  /** Things only the run can tell (a playlist's segments, a concat list's entries). */
  readonly pending: string[] = [];

  constructor(readonly urls: UrlContext) {}

  problem(message: string, argIndex: number | null): void {
    if (!this.problems.some((p) => p.message === message && p.argIndex === argIndex)) this.problems.push({ message, argIndex });
  }

  /** An access to something that is not a url (a device, a library, a socket address). */
  access(kind: AccessKind, target: string, via: string, where: Where): void {
    this.accesses.push({
      kind,
      target,
      url: null,
      through: [],
      via,
      argIndex: where.argIndex,
      input: where.input ?? null,
      output: where.output ?? null,
      graph: where.graph ?? null,
    });
  }

  /** What an option whose effect table says it reads, writes, loads code or binds opens with its value. */
  opens(effect: OpeningEffect, value: string, via: string, where: Where): void {
    if (effect === "load-code" || effect === "bind") this.access(effect, value, via, where);
    else this.open(effect === "write" ? "write" : "read", value, via, where);
  }

  /** Reading or writing a url: every leaf it opens (a `concat:` list's parts, a crypto stream's source). */
  open(kind: "read" | "write", target: string | Url, via: string, where: Where): Url {
    const url = typeof target === "string" ? parseUrl(target, this.urls) : target;
    for (const { leaf, through: outer } of leavesThrough(url, [])) {
      // Inline data opens nothing, but it is a protocol of its own: its content (a playlist
      // naming files, say) is chosen by whoever wrote the command.
      const through = leaf.kind === "data" ? [...outer, "data"] : outer;
      if (leaf.kind === "unknown") {
        this.problem(`'${leaf.raw}' (${via}): ${leaf.why}`, where.argIndex);
        continue;
      }
      // concatf: reads a list of urls from the file, hls+ a playlist: what they name is known only at run time.
      const lister = through.at(-1);
      if (lister === "concatf" || lister === "hls") this.pending.push(`the files the ${lister}: list ${leaf.raw} names`);
      this.accesses.push({
        kind,
        target: leaf.raw,
        url: leaf,
        through,
        via,
        argIndex: where.argIndex,
        input: where.input ?? null,
        output: where.output ?? null,
        graph: where.graph ?? null,
      });
    }
    return url;
  }
}

function leavesThrough(url: Url, through: readonly string[]): { leaf: Url; through: readonly string[] }[] {
  return url.kind === "wrapper" ? url.targets.flatMap((t) => leavesThrough(t, [...through, url.protocol])) : [{ leaf: url, through }];
}
