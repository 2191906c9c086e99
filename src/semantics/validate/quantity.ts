import { diagnostic } from "../../diagnostics/diagnostic.js";
import type { Word } from "../../syntax/ast.js";
import type { Context } from "../context.js";
import { otherKind, PARSERS, UNIT_HELP, type QuantityKind } from "../quantities.js";

/** Check that a word is a quantity of this kind; report what is wrong with it otherwise. */
export function checkQuantity(ctx: Context, file: string, word: Word, kind: QuantityKind): boolean {
  if (word.missing) return false;
  const parsed = PARSERS[kind](word.text);
  if (parsed.ok) {
    if (parsed.warning !== undefined) ctx.sink.add(file, diagnostic("FFP3003", word.range, parsed.warning));
    return true;
  }
  const other = otherKind(word.text, kind);
  if (other !== null) {
    ctx.sink.add(file, diagnostic("FFP3002", word.range, `'${word.text}' is a ${other.replace("_", " ")}, but ${UNIT_HELP[kind]} belongs here`));
  } else {
    ctx.sink.add(file, diagnostic("FFP3001", word.range, parsed.message));
  }
  return false;
}
