// The reviewed tables cover every pinned catalogue: no ffmpeg option and no text-valued
// filter option or AVOption can reach a command without having been classified.

import { describe, expect, it } from "vitest";
import { catalogueIds, loadCatalogue } from "../../src/ffmpeg/catalogue/index.js";
import { loadEffects } from "../../src/ffmpeg/job/effects.js";
import { HANDLED, INERT } from "../../src/ffmpeg/job/table-options.js";

const TEXT = new Set(["string", "binary", "dict"]);

describe.each(catalogueIds())("%s", (id) => {
  const catalogue = loadCatalogue(id)!;
  const effects = loadEffects();

  it("classifies every ffmpeg option exactly once", () => {
    const names = catalogue.data.options.map((o) => o.name);
    expect(names.filter((n) => !INERT.has(n) && !HANDLED.has(n))).toEqual([]);
    expect(names.filter((n) => INERT.has(n) && HANDLED.has(n))).toEqual([]);
  });

  it("has reviewed every text-valued filter option", () => {
    const missing = Object.entries(catalogue.data.filters).flatMap(([filter, info]) =>
      Object.entries(info.options)
        .filter(([option, o]) => TEXT.has(o.type) && effects.filterOption(filter, option, o.type) === undefined)
        .map(([option]) => `${filter}.${option}`),
    );
    expect(missing).toEqual([]);
  });

  it("has reviewed every text-valued AVOption", () => {
    const missing = Object.entries(catalogue.data.avOptions)
      .filter(([name, o]) => TEXT.has(o.type) && effects.avOption(name, o.type) === undefined)
      .map(([name]) => name);
    expect(missing).toEqual([]);
  });
});
