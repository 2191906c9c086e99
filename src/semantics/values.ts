// Where the grammar takes "a list, a set's name or a single value", a bare word names a
// set when one is declared with that name, and is a single literal otherwise (so
// `allow device v4l2` and `video codec in web_video` both read naturally).

import type { Range } from "../base/range.js";
import type * as Ast from "../syntax/ast.js";
import type { Symbols } from "./symbols.js";

export interface Item {
  readonly value: string;
  readonly range: Range;
  /** The file the item is written in (a set's items live where the set is declared). */
  readonly file: string;
  /** The set the item came from, if any. */
  readonly set: string | null;
  /** Written as a bare word where a set's name could stand (`video codec in web_vdeo`). */
  readonly bare: boolean;
}

export function scalarText(scalar: Ast.Scalar): string {
  return scalar.kind === "Word" ? scalar.text : scalar.value;
}

export function resolveValueRef(ref: Ast.ValueRef, file: string, symbols: Symbols): Item[] {
  switch (ref.kind) {
    case "List":
      return ref.items.map((item) => ({ value: scalarText(item), range: item.range, file, set: null, bare: false }));
    case "String":
      return [{ value: ref.value, range: ref.range, file, set: null, bare: false }];
    case "Word": {
      const set = symbols.sets.get(ref.text);
      if (set === undefined) return ref.missing ? [] : [{ value: ref.text, range: ref.range, file, set: null, bare: true }];
      return set.node.value.items.map((item) => ({ value: scalarText(item), range: item.range, file: set.file, set: ref.text, bare: false }));
    }
  }
}
