// A port of fftools/cmdutils.c `split_commandline`: argv → global options, input and
// output groups, trailing options — token by token, exactly as ffmpeg reads them. An
// option's argument is taken verbatim (even when it starts with '-'); arity is never
// guessed by peeking. Differential tests compare this against the real ffmpeg.

import type { FftoolsOption } from "./catalogue/types.js";
import type { AvLayer, OptionTable } from "./options.js";

/** One option as ffmpeg matched it. */
export interface ParsedOption {
  /** The table option's name, or the AVOption's name, without any stream specifier. */
  readonly name: string;
  /** What followed `name:` in the token (`v`, `v:0`, `a:1`), else null. */
  readonly specifier: string | null;
  /** The argument; "1"/"0" for booleans; null only for an exit option at the very end. */
  readonly value: string | null;
  /** The token as written (`-c:v`, `-nostdin`). */
  readonly token: string;
  /** Index of the token in argv (program name excluded). */
  readonly index: number;
  readonly match: { readonly kind: "option"; readonly def: FftoolsOption } | { readonly kind: "avoption"; readonly layers: readonly AvLayer[] };
  /** 7.x `-/opt FILE`: the value names a file whose contents are the real value (refused later for booleans). */
  readonly fromFile: boolean;
}

export interface UrlGroup {
  readonly url: string;
  /** Index in argv of the url token. */
  readonly index: number;
  readonly options: readonly ParsedOption[];
}

export interface Split {
  readonly global: readonly ParsedOption[];
  readonly inputs: readonly UrlGroup[];
  readonly outputs: readonly UrlGroup[];
  /** 7.x `-dec` loopback decoder groups. */
  readonly decoders: readonly UrlGroup[];
  /** Per-file options after the last url: ffmpeg ignores them (with a warning). */
  readonly trailing: readonly ParsedOption[];
  /** The first exit option (`-h`, `-version`, …): ffmpeg prints and exits, opening nothing. */
  readonly exit: ParsedOption | null;
}

export interface SplitRefusal {
  readonly message: string;
  /** The token ffmpeg names (`-foo`), and its index in argv. */
  readonly option: string;
  readonly index: number;
}

export type SplitResult = { readonly ok: true; readonly split: Split } | { readonly ok: false; readonly refusal: SplitRefusal };

class GroupBuilder {
  options: ParsedOption[] = [];
}

/** Split ffmpeg's arguments (argv without the program name). */
export function splitCommandLine(argv: readonly string[], table: OptionTable): SplitResult {
  const global: ParsedOption[] = [];
  const groups = { input: [] as UrlGroup[], output: [] as UrlGroup[], decoder: [] as UrlGroup[] };
  let current = new GroupBuilder();
  let dashdash = -2;
  let exit: ParsedOption | null = null;

  const finish = (kind: "input" | "output" | "decoder", url: string, index: number) => {
    groups[kind].push({ url, index, options: current.options });
    current = new GroupBuilder();
  };
  const refuse = (message: string, option: string, index: number): SplitResult => ({ ok: false, refusal: { message, option, index } });

  let i = 0;
  while (i < argv.length) {
    const index = i;
    const token = argv[i++]!;
    if (token === "--") {
      dashdash = i;
      continue;
    }
    // Unnamed group separator: an output url (also `-`, and anything right after `--`).
    if (!token.startsWith("-") || token.length === 1 || dashdash + 1 === i) {
      finish("output", token, index);
      continue;
    }
    const name = token.slice(1);

    const separator = table.separator(name);
    if (separator !== null) {
      if (i >= argv.length) return refuse(`Missing argument for option '${name}'.`, token, index);
      finish(separator, argv[i]!, i);
      i++;
      continue;
    }

    const def = table.find(name);
    if (def !== null) {
      let value: string | null;
      if (def.arg === "exit") value = argv[i++] ?? null;
      else if (def.arg === "required") {
        if (i >= argv.length) return refuse(`Missing argument for option '${name}'.`, token, index);
        value = argv[i++]!;
      } else value = "1";
      const parsed = tableOption(def, name, value, token, index, table.fromFileSyntax);
      if (def.arg === "exit") exit ??= parsed;
      (def.scope === "global" ? global : current.options).push(parsed);
      continue;
    }

    if (i < argv.length) {
      const av = table.avOption(name);
      if ("refused" in av) return refuse(`${av.refused}. Error parsing option '${name}' with argument '${argv[i]}'.`, token, index);
      if (av.found) {
        const colon = name.indexOf(":");
        current.options.push({
          name: colon < 0 ? name : name.slice(0, colon),
          specifier: colon < 0 ? null : name.slice(colon + 1),
          value: argv[i]!,
          token,
          index,
          match: { kind: "avoption", layers: av.layers },
          fromFile: false,
        });
        i++;
        continue;
      }
    }

    // `-noNAME` for boolean table options.
    const negated = name.startsWith("no") ? table.find(name.slice(2)) : null;
    if (negated?.bool === true) {
      (negated.scope === "global" ? global : current.options).push(tableOption(negated, name.slice(2), "0", token, index, table.fromFileSyntax));
      continue;
    }
    return refuse(`Unrecognized option '${name}'.`, token, index);
  }

  return {
    ok: true,
    split: { global, inputs: groups.input, outputs: groups.output, decoders: groups.decoder, trailing: current.options, exit },
  };
}

function tableOption(def: FftoolsOption, name: string, value: string | null, token: string, index: number, slashSyntax: boolean): ParsedOption {
  const fromFile = slashSyntax && name.startsWith("/");
  const bare = fromFile ? name.slice(1) : name;
  const rest = bare.slice(def.name.length);
  return {
    name: def.name,
    specifier: rest.startsWith(":") ? rest.slice(1) : null,
    value,
    token,
    index,
    match: { kind: "option", def },
    fromFile,
  };
}
