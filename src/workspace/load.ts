// Loading a program from disk (or from the editor's open documents): the root file and,
// transitively, every file it imports. This is the only place in the core that reads
// files; semantics receives the finished Program.

import { readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Program, SourceFile } from "../semantics/program.js";
import type { ImportDecl } from "../syntax/ast.js";
import { parse } from "../syntax/parse.js";

/** Where texts come from: the disk, or an overlay of open editor documents. */
export interface FileSource {
  /** The file's text, or an error message when it cannot be read. */
  read(id: string): { text: string } | { error: string };
  /** The id an import names, relative to the importing file. */
  resolve(from: string, specifier: string): string;
}

export const diskFiles: FileSource = {
  read(id) {
    try {
      return { text: readFileSync(id, "utf8") };
    } catch (error) {
      return { error: (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : String((error as Error).message) };
    }
  },
  resolve(from, specifier) {
    return resolve(dirname(from), specifier);
  },
};

export function loadProgram(root: string, rootText: string, files: FileSource = diskFiles): Program {
  const sources = new Map<string, SourceFile>();
  const loadDiagnostics = new Map<string, Diagnostic[]>();
  const report = (file: string, d: Diagnostic) => {
    const list = loadDiagnostics.get(file) ?? [];
    list.push(d);
    loadDiagnostics.set(file, list);
  };

  const visit = (id: string, text: string, stack: readonly string[]): void => {
    const syntax = parse(text);
    const imports: string[] = [];
    const source: SourceFile = { id, text, syntax, imports };
    sources.set(id, source);
    for (const statement of syntax.file.statements) {
      if (statement.kind !== "ImportDecl") continue;
      const target = files.resolve(id, statement.path.value);
      const chain = [...stack, id];
      if (chain.includes(target)) {
        const cycle = [...chain.slice(chain.indexOf(target)), target].map((f) => relative(dirname(root), f) || f).join(" → ");
        report(id, diagnostic("FFP2013", statement.path.range, `importing '${statement.path.value}' makes a cycle: ${cycle}; remove one of these imports`));
        continue;
      }
      imports.push(target);
      if (sources.has(target)) continue;
      const read = files.read(target);
      if ("error" in read) report(id, importError(statement, read.error));
      else visit(target, read.text, chain);
    }
  };
  visit(root, rootText, []);
  return { root, files: sources, loadDiagnostics };
}

function importError(statement: ImportDecl, error: string): Diagnostic {
  return diagnostic("FFP2012", statement.path.range, `cannot read '${statement.path.value}': ${error}`);
}
