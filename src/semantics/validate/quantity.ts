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

/** Warn when a quantity is zero where zero makes the rule meaningless: nothing meets it, or it never applies. */
export function warnIfZero(ctx: Context, file: string, word: Word, kind: QuantityKind, meaning: string): void {
  if (word.missing) return;
  const parsed = PARSERS[kind](word.text);
  if (!parsed.ok) return;
  const value = parsed.value as number | { width: number; height: number };
  const zero = typeof value === "number" ? value === 0 : value.width === 0 || value.height === 0;
  if (zero) ctx.sink.add(file, diagnostic("FFP3004", word.range, meaning));
}
