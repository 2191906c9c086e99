// Numbers as ffmpeg reads them: libavutil's av_strtod (SI prefixes, `k` = `K` = 10³,
// lowercase `m` = milli, `Ki` = 1024, a trailing `B` × 8) inside av_expr's arithmetic,
// and AVOption's `N/D` rationals. What cannot be evaluated exactly is reported as
// unknown, never guessed: a cap that cannot be read is not a cap.

export type Evaluated = { readonly value: number } | { readonly unknown: string };

/** libavutil/eval.c si_prefixes: decimal exponent per prefix letter. */
const SI_EXPONENT: Readonly<Record<string, number>> = {
  y: -24,
  z: -21,
  a: -18,
  f: -15,
  p: -12,
  n: -9,
  u: -6,
  m: -3,
  c: -2,
  d: -1,
  h: 2,
  k: 3,
  K: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
  Z: 21,
  Y: 24,
};

/** Binary multipliers for the `Ki`-style forms (powers of 1024; 2^(10·exp/3) for the big ones). */
function binaryValue(prefix: string): number {
  const exponent = SI_EXPONENT[prefix]!;
  return 2 ** ((exponent / 3) * 10);
}

/** Digits, an optional fraction and an optional decimal SI prefix, or null. */
function simpleNumber(text: string): number | null {
  let end = text.length;
  const exponent = end > 0 ? SI_EXPONENT[text[end - 1]!] : undefined;
  if (exponent !== undefined) end--;
  if (end === 0) return null;
  let dot = false;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 && !dot && i > 0 && i < end - 1) dot = true;
    else if (c < 48 || c > 57) return null;
  }
  const value = Number(text.slice(0, end));
  return exponent === undefined ? value : value * 10 ** exponent;
}

interface Cursor {
  readonly text: string;
  at: number;
}

/** av_strtod at the cursor: the number and its suffixes, or null when no number starts here. */
function strtod(cursor: Cursor): number | null {
  const rest = cursor.text.slice(cursor.at);
  let value: number;
  let length: number;
  const hex = /^0[xX][0-9a-fA-F]+/.exec(rest);
  const decimal = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(rest);
  if (hex !== null) {
    value = Number.parseInt(hex[0].slice(2), 16);
    length = hex[0].length;
  } else if (decimal !== null) {
    value = Number(decimal[0]);
    length = decimal[0].length;
  } else {
    return null;
  }
  let next = cursor.at + length;
  const text = cursor.text;
  if (text[next] === "d" && text[next + 1] === "B") {
    value = 10 ** (value / 20);
    next += 2;
  } else if (text[next] !== undefined && SI_EXPONENT[text[next]!] !== undefined) {
    if (text[next + 1] === "i") {
      value *= binaryValue(text[next]!);
      next += 2;
    } else {
      value *= 10 ** SI_EXPONENT[text[next]!]!;
      next += 1;
    }
  }
  if (text[next] === "B") {
    value *= 8;
    next += 1;
  }
  cursor.at = next;
  return value;
}

class Unknown extends Error {}

/**
 * A subset of av_expr: numbers (av_strtod), + - * /, unary signs and parentheses. Named
 * constants (`max`, `default`, option constants) and functions are reported unknown:
 * their values depend on the option, and guessing them would be guessing a cap.
 */
export function evaluateExpression(text: string): Evaluated {
  // The common case, a number with an SI suffix (`5M`, `128k`), without the general parser.
  const simple = simpleNumber(text);
  if (simple !== null) return { value: simple };
  const cursor: Cursor = { text, at: 0 };
  try {
    const value = sum(cursor);
    skipSpace(cursor);
    if (cursor.at !== text.length) throw new Unknown(`cannot evaluate '${text}'`);
    if (!Number.isFinite(value)) throw new Unknown(`'${text}' is not a finite number`);
    return { value };
  } catch (error) {
    if (error instanceof Unknown) return { unknown: error.message };
    throw error;
  }
}

function skipSpace(cursor: Cursor): void {
  while (/\s/.test(cursor.text[cursor.at] ?? "")) cursor.at++;
}

function sum(cursor: Cursor): number {
  let value = product(cursor);
  for (;;) {
    skipSpace(cursor);
    const op = cursor.text[cursor.at];
    if (op !== "+" && op !== "-") return value;
    cursor.at++;
    const right = product(cursor);
    value = op === "+" ? value + right : value - right;
  }
}

function product(cursor: Cursor): number {
  let value = unary(cursor);
  for (;;) {
    skipSpace(cursor);
    const op = cursor.text[cursor.at];
    if (op !== "*" && op !== "/") return value;
    cursor.at++;
    const right = unary(cursor);
    value = op === "*" ? value * right : value / right;
  }
}

function unary(cursor: Cursor): number {
  skipSpace(cursor);
  const c = cursor.text[cursor.at];
  if (c === "+" || c === "-") {
    cursor.at++;
    const value = unary(cursor);
    return c === "-" ? -value : value;
  }
  if (c === "(") {
    cursor.at++;
    const value = sum(cursor);
    skipSpace(cursor);
    if (cursor.text[cursor.at] !== ")") throw new Unknown(`unbalanced parentheses in '${cursor.text}'`);
    cursor.at++;
    return value;
  }
  const value = strtod(cursor);
  if (value === null) throw new Unknown(`cannot evaluate '${cursor.text}'`);
  return value;
}

/**
 * The value an integer AVOption (`-b`, `-maxrate`, `-bufsize`) gets: `N/D` or `N:D` as a
 * rational first (set_string_number), then an expression, rounded like llrint.
 */
export function avOptionInteger(text: string): Evaluated {
  const simple = simpleNumber(text);
  if (simple !== null) return { value: Math.round(simple) };
  const rational = /^(-?\d+)[:/](-?\d+)$/.exec(text);
  if (rational !== null && Number(rational[2]) !== 0) return { value: Math.round(Number(rational[1]) / Number(rational[2])) };
  const evaluated = evaluateExpression(text);
  return "value" in evaluated ? { value: Math.round(evaluated.value) } : evaluated;
}

/** A float AVOption (`-crf`, `-q`): a rational or an expression, not rounded. */
export function avOptionFloat(text: string): Evaluated {
  const rational = /^(-?\d+)[:/](-?\d+)$/.exec(text);
  if (rational !== null && Number(rational[2]) !== 0) return { value: Number(rational[1]) / Number(rational[2]) };
  return evaluateExpression(text);
}

/** isspace in the "C" locale. */
const C_SPACES = " \t\n\v\f\r";
const LONG_MAX = (1n << 63n) - 1n;
const LONG_MIN = -(1n << 63n);

/** A character's value as a digit of radix ≤ 16, or 16 when it is none. */
function digitValue(c: string | undefined): number {
  const value = c === undefined ? -1 : "0123456789abcdef".indexOf(c.length === 1 && c >= "A" && c <= "F" ? c.toLowerCase() : c);
  return value < 0 ? 16 : value;
}

/**
 * C `strtol` as glibc does it with a 64-bit `long`: leading isspace, an optional sign, then
 * digits — base 10, or base 0 (`0x`/`0X` and at least one hex digit: hexadecimal; a leading
 * `0`: octal, so `010` is 8 and `08` stops after the `0`; else decimal). Out-of-range values
 * clamp to LONG_MIN/LONG_MAX. `end` is C's `endptr`: where reading stopped, 0 when no digit
 * was read (endptr == nptr, even after blanks and a sign).
 */
export function strtol(text: string, base: 0 | 10): { value: bigint; end: number } {
  let at = 0;
  while (at < text.length && C_SPACES.includes(text[at]!)) at++;
  const negative = text[at] === "-";
  if (text[at] === "+" || text[at] === "-") at++;
  let radix = 10;
  if (base === 0 && text[at] === "0") {
    // `0x` with no hex digit after it is the number 0 followed by `x`.
    if ((text[at + 1] === "x" || text[at + 1] === "X") && digitValue(text[at + 2]) < 16) {
      radix = 16;
      at += 2;
    } else radix = 8;
  }
  const start = at;
  let magnitude = 0n;
  while (digitValue(text[at]) < radix) magnitude = magnitude * BigInt(radix) + BigInt(digitValue(text[at++]));
  if (at === start) return { value: 0n, end: 0 };
  const value = negative ? -magnitude : magnitude;
  return { value: value > LONG_MAX ? LONG_MAX : value < LONG_MIN ? LONG_MIN : value, end: at };
}

/** A `long` stored into a C `int` (gcc: the low 32 bits, two's complement): 2^32 + 1 → 1, LONG_MAX → -1. */
export function toCInt(value: bigint): number {
  return Number(BigInt.asIntN(32, value));
}
