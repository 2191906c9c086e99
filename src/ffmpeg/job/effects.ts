// What options do besides setting values: the reviewed tables in src/ffmpeg/effects/
// (every string-valued filter option and AVOption of the pinned catalogues, classified
// from FFmpeg's sources). An option missing from them is treated as unknown — denied —
// so a new catalogue cannot bring an unreviewed file-opening option through.

import { readData } from "../read-data.js";

export type FilterOptionEffect = "none" | "read" | "read-dir" | "write" | "load-code" | "bind" | "commands" | "unknown";
/** The effects that open something with the option's value. */
export type OpeningEffect = "read" | "read-dir" | "write" | "load-code" | "bind";
/**
 * Options of ffmpeg's own table that are protections: `-stdin` undoes the `-nostdin` the
 * enforcer adds, and ffmpeg then takes filter commands from the keyboard (`c`, `C`: what
 * `sendcmd` does, so an allowed filter can be told to open another file).
 */
export const TABLE_PROTECTIONS = ["stdin"];
const OPENING: ReadonlySet<string> = new Set<OpeningEffect>(["read", "read-dir", "write", "load-code", "bind"]);
export type AvOptionEffect = "none" | "read" | "write" | "redirect" | "listen" | "protection" | "params" | "device" | "load-code" | "unknown";

/** Option value types that can name a file (numbers, sizes, colours and flags cannot). */
const TEXT_TYPES = new Set(["string", "binary", "dict"]);

/** What a filter opens when an option is left at its default (`zmq` binds tcp://*:5555). */
export interface DefaultEffect {
  readonly option: string;
  readonly effect: OpeningEffect;
  readonly target: string;
}

export interface Effects {
  /** The effect of a filter's option; undefined for an option never reviewed. */
  filterOption(filter: string, option: string, type: string): FilterOptionEffect | undefined;
  /** Options of a filter whose default value opens something. */
  filterDefaults(filter: string): readonly DefaultEffect[];
  avOption(name: string, type: string): AvOptionEffect | undefined;
  /** Every option that switches one of ffmpeg's protections off (what `allow option` may name). */
  readonly protectionOptions: readonly string[];
}

interface FilterEntry {
  readonly effect: FilterOptionEffect;
  readonly default?: string;
}
interface AvEntry {
  readonly effect: AvOptionEffect;
}

let loaded: Effects | null = null;

export function loadEffects(): Effects {
  if (loaded !== null) return loaded;
  const filters = readData<{ filters: Record<string, Record<string, FilterEntry>> }>(new URL("../effects/filter-options.json", import.meta.url)).filters;
  const av = readData<{ options: Record<string, AvEntry> }>(new URL("../effects/av-options.json", import.meta.url)).options;
  const defaults = new Map<string, DefaultEffect[]>();
  for (const [filter, options] of Object.entries(filters)) {
    const opening = Object.entries(options).filter(([, e]) => e.default !== undefined && OPENING.has(e.effect));
    defaults.set(
      filter,
      opening.map(([option, e]) => ({ option, effect: e.effect as OpeningEffect, target: e.default! })),
    );
  }
  loaded = {
    filterOption: (filter, option, type) => filters[filter]?.[option]?.effect ?? (TEXT_TYPES.has(type) ? undefined : "none"),
    filterDefaults: (filter) => defaults.get(filter) ?? [],
    avOption: (name, type) => av[name]?.effect ?? (TEXT_TYPES.has(type) ? undefined : "none"),
    protectionOptions: [
      ...Object.entries(av)
        .filter(([, e]) => e.effect === "protection")
        .map(([name]) => name),
      ...TABLE_PROTECTIONS,
    ].sort(),
  };
  return loaded;
}
