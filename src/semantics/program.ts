import type { ParseResult } from "../syntax/parse.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";

/** One parsed file of a program. `id` is how every layer names it (a path, or a URI in the editor). */
export interface SourceFile {
  readonly id: string;
  readonly text: string;
  readonly syntax: ParseResult;
  /** The files its `import` statements name, resolved to ids (missing ones left out). */
  readonly imports: readonly string[];
}

/**
 * A root file with everything it imports. Loading (I/O) happens in the workspace layer;
 * semantics only sees this value. `loadDiagnostics` holds what loading found (unreadable
 * or cyclic imports), keyed by the importing file.
 */
export interface Program {
  readonly root: string;
  readonly files: ReadonlyMap<string, SourceFile>;
  readonly loadDiagnostics: ReadonlyMap<string, readonly Diagnostic[]>;
}

/** Diagnostics collected per file, in the order they are found (sorted when reported). */
export class DiagnosticSink {
  private readonly byFile = new Map<string, Diagnostic[]>();
  /** A set's item is checked wherever the set is used: report each finding once. */
  private readonly seen = new Set<string>();

  add(file: string, diagnostic: Diagnostic): void {
    const key = `${file}\0${diagnostic.code}\0${diagnostic.range.start}\0${diagnostic.range.end}\0${diagnostic.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    let list = this.byFile.get(file);
    if (list === undefined) this.byFile.set(file, (list = []));
    list.push(diagnostic);
  }

  addAll(file: string, diagnostics: Iterable<Diagnostic>): void {
    for (const d of diagnostics) this.add(file, d);
  }

  result(): Map<string, Diagnostic[]> {
    return this.byFile;
  }
}
