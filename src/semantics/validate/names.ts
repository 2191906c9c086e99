// Names checked against the pinned ffmpeg catalogue: codecs, encoders, filters,
// protocols, formats, devices. Unknown names are errors with "did you mean".

import { closest, didYouMean } from "../../base/suggest.js";
import { articled } from "../../base/text.js";
import type { Code } from "../../diagnostics/codes.js";
import { diagnostic } from "../../diagnostics/diagnostic.js";
import type { MediaKind } from "../../syntax/ast.js";
import { loadEffects } from "../../ffmpeg/job/effects.js";
import type { Context } from "../context.js";
import type { Item } from "../values.js";

export type NameKind = "codec" | "encoder" | "filter" | "protocol" | "format" | "device" | "option";

interface Lookup {
  readonly code: Code;
  readonly known: (name: string) => boolean;
  readonly candidates: () => Iterable<string>;
  readonly what: string;
}

function lookup(ctx: Context, kind: NameKind, media: MediaKind | null): Lookup {
  const c = ctx.catalogue;
  switch (kind) {
    case "codec":
      return { code: "FFP2006", what: `${media} codec`, known: (n) => c.codecType(n) === media, candidates: () => c.codecNames(media!) };
    case "encoder":
      return { code: "FFP2007", what: `${media} encoder`, known: (n) => c.encoder(n)?.type === media, candidates: () => c.encoderNames(media!) };
    case "filter":
      return { code: "FFP2008", what: "filter", known: (n) => c.hasFilter(n), candidates: () => Object.keys(c.data.filters) };
    case "protocol":
      return { code: "FFP2009", what: "protocol", known: (n) => c.protocols.has(n), candidates: () => c.protocols };
    case "format":
      return { code: "FFP2010", what: "format", known: (n) => c.muxer(n) !== null, candidates: () => c.formatNames() };
    case "device":
      return { code: "FFP2011", what: "device", known: (n) => c.devices.has(n), candidates: () => c.devices };
    case "option":
      return {
        code: "FFP2017",
        what: "protection option",
        // The protections a role may lift: every option the effects table marks as one.
        known: (n) => loadEffects().protectionOptions.includes(n),
        candidates: () => loadEffects().protectionOptions,
      };
  }
}

export function checkNames(ctx: Context, items: readonly Item[], kind: NameKind, media: MediaKind | null = null): void {
  const { code, known, candidates, what } = lookup(ctx, kind, media);
  for (const item of items) {
    if (known(item.value)) continue;
    const set = item.bare ? closest(item.value, ctx.symbols.sets.keys()) : null;
    if (set !== null) ctx.sink.add(item.file, diagnostic("FFP2003", item.range, `unknown set '${item.value}'; did you mean '${set}'?`));
    else ctx.sink.add(item.file, diagnostic(code, item.range, unknownMessage(ctx, item, kind, media, what, candidates)));
  }
}

function unknownMessage(ctx: Context, item: Item, kind: NameKind, media: MediaKind | null, what: string, candidates: () => Iterable<string>): string {
  const where = item.set === null ? "" : ` (in set ${item.set})`;
  if (kind === "codec" || kind === "encoder") {
    const actual = kind === "codec" ? ctx.catalogue.codecType(item.value) : (ctx.catalogue.encoder(item.value)?.type ?? null);
    if (actual !== null) return `'${item.value}'${where} is ${articled(actual)} ${kind}, not ${articled(media!)} ${kind}`;
    if (kind === "codec" && ctx.catalogue.encoder(item.value) !== null) {
      return `'${item.value}'${where} is an encoder of ${ctx.catalogue.encoder(item.value)!.codec}; write '${ctx.catalogue.encoder(item.value)!.codec}' or use '${media} encoder in [...]'`;
    }
    if (item.value === "copy") return `'copy'${where} is not a codec: a copied stream is judged by its own codec; list the codecs you accept`;
  }
  const hint = didYouMean(item.value, candidates());
  const suffix = kind === "option" ? "" : ` in ${ctx.catalogue.id}`;
  return `unknown ${what} '${item.value}'${where}${suffix}${hint}`;
}
