// Declarations across a program's files: one namespace per kind (roles, sets,
// providers, tests). A name declared twice is an error at the second declaration, with
// the first one as related information.

import type { Range } from "../base/range.js";
import type { Word } from "../syntax/ast.js";
import type * as Ast from "../syntax/ast.js";
import { diagnostic } from "../diagnostics/diagnostic.js";
import type { DiagnosticSink, Program } from "./program.js";

export interface Declared<T> {
  readonly file: string;
  readonly node: T;
}

interface Named<T> extends Declared<T> {
  readonly nameRange: Range;
}

export interface Symbols {
  readonly roles: ReadonlyMap<string, Named<Ast.RoleDecl>>;
  readonly sets: ReadonlyMap<string, Named<Ast.SetDecl>>;
  readonly providers: ReadonlyMap<string, Named<Ast.ProviderDecl>>;
  readonly tests: ReadonlyMap<string, Named<Ast.TestDecl>>;
  /** Every statement with its file, in program order (root first, then imports). */
  readonly statements: readonly Declared<Ast.Statement>[];
}

export function collectSymbols(program: Program, sink: DiagnosticSink): Symbols {
  const roles = new Map<string, Named<Ast.RoleDecl>>();
  const sets = new Map<string, Named<Ast.SetDecl>>();
  const providers = new Map<string, Named<Ast.ProviderDecl>>();
  const tests = new Map<string, Named<Ast.TestDecl>>();
  const statements: Declared<Ast.Statement>[] = [];

  function declare<T>(table: Map<string, Named<T>>, what: string, file: string, node: T, name: Word | Ast.StringLit): void {
    const key = name.kind === "Word" ? name.text : name.value;
    if (name.kind === "Word" && name.missing) return;
    const first = table.get(key);
    if (first === undefined) {
      table.set(key, { file, node, nameRange: name.range });
      return;
    }
    sink.add(
      file,
      diagnostic("FFP2002", name.range, `${what} '${key}' is already declared; rename one of them`, [
        { file: first.file, range: first.nameRange, message: "first declared here" },
      ]),
    );
  }

  for (const [file, source] of program.files) {
    for (const statement of source.syntax.file.statements) {
      statements.push({ file, node: statement });
      switch (statement.kind) {
        case "RoleDecl":
          declare(roles, "role", file, statement, statement.name);
          break;
        case "SetDecl":
          declare(sets, "set", file, statement, statement.name);
          break;
        case "ProviderDecl":
          declare(providers, "provider", file, statement, statement.name);
          break;
        case "TestDecl":
          declare(tests, "test", file, statement, statement.name);
          break;
        default:
          break;
      }
    }
  }
  return { roles, sets, providers, tests, statements };
}
