import type { CatalogueIndex } from "../ffmpeg/catalogue/index.js";
import type { DiagnosticSink, Program } from "./program.js";
import type { Symbols } from "./symbols.js";

/** What every validation pass reads, and where it reports. */
export interface Context {
  readonly program: Program;
  readonly symbols: Symbols;
  readonly catalogue: CatalogueIndex;
  readonly sink: DiagnosticSink;
}
