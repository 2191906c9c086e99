import { range } from "../base/range.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { '"': '"', "\\": "\\", n: "\n", t: "\t", r: "\r" };

/**
 * Decode the inside of a string literal. Escapes: \" \\ \n \t \r \uXXXX. Anything else
 * after a backslash is an error (kept literally, so the value stays usable).
 */
export function decodeString(inner: string, offset: number): { value: string; diagnostics: Diagnostic[] } {
  if (!inner.includes("\\")) return { value: inner, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  let value = "";
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    if (c !== "\\") {
      value += c;
      continue;
    }
    const next = inner[i + 1] ?? "";
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      value += simple;
      i++;
    } else if (next === "u" && /^[0-9A-Fa-f]{4}$/.test(inner.slice(i + 2, i + 6))) {
      value += String.fromCharCode(parseInt(inner.slice(i + 2, i + 6), 16));
      i += 5;
    } else {
      diagnostics.push(
        diagnostic(
          "FFP1004",
          // A backslash last in an unclosed string has nothing after it: its range is the backslash alone.
          range(offset + i, offset + i + 1 + next.length),
          `'\\${next}' is not an escape; write '\\\\' for a backslash (escapes: \\" \\\\ \\n \\t \\r \\uXXXX)`,
        ),
      );
      value += c + next;
      i++;
    }
  }
  return { value, diagnostics };
}
