// Filter graphs as libavfilter reads them (graphparser.c `avfilter_graph_parse2`, then
// avfilter.c `process_options` for each filter's arguments). Two levels of quoting and
// escaping apply: the graph level (av_get_token with "[],;") and the option level
// (av_get_token with ":"), so `drawtext=text='a\:b'` and `movie='/x\,y'` are read as
// ffmpeg reads them, not as they look.

const WHITESPACES = " \n\t\r";

export interface FilterOption {
  /** The option's name: written (`filename=…`) or positional (the filter's shorthand). */
  readonly key: string;
  readonly value: string;
  /** True for a positional value (no `key=`). */
  readonly positional: boolean;
}

export interface FilterUse {
  /** `scale` in `scale@s0=…`. */
  readonly name: string;
  /** Which `;`-separated chain of the graph it is in (filters of a chain are linked in order). */
  readonly chain: number;
  readonly instance: string | null;
  /** The argument string after graph-level unquoting, or null. */
  readonly args: string | null;
  readonly options: readonly FilterOption[];
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  /** Why the options could not be read (ffmpeg refuses the graph in that case). */
  readonly problem: string | null;
}

export interface FilterGraph {
  readonly filters: readonly FilterUse[];
  /** Set when libavfilter would refuse the graph's syntax. */
  readonly error: string | null;
  /**
   * A leading `sws_flags=…;` as libavfilter keeps it (`flags=…`): appended to the options of
   * every `scale` that sets no flags itself, and given to every scaler ffmpeg inserts.
   */
  readonly scalerOptions: string | null;
}

/** What the parser needs to know about filters: their positional option names. */
export interface FilterShorthands {
  shorthand(filter: string): readonly string[] | null;
}

export interface Cursor {
  readonly text: string;
  at: number;
}

function skip(cursor: Cursor, chars: string): void {
  while (cursor.at < cursor.text.length && chars.includes(cursor.text[cursor.at]!)) cursor.at++;
}

/** av_get_token: up to an unquoted, unescaped terminator; `\x` escapes, `'…'` quotes; trims blanks. */
export function getToken(cursor: Cursor, terminators: string): string {
  skip(cursor, WHITESPACES);
  let out = "";
  let protectedLength = 0;
  const text = cursor.text;
  while (cursor.at < text.length && !terminators.includes(text[cursor.at]!)) {
    const c = text[cursor.at++]!;
    if (c === "\\" && cursor.at < text.length) {
      out += text[cursor.at++];
      protectedLength = out.length;
    } else if (c === "'") {
      while (cursor.at < text.length && text[cursor.at] !== "'") out += text[cursor.at++];
      if (cursor.at < text.length) {
        cursor.at++;
        protectedLength = out.length;
      }
    } else {
      out += c;
    }
  }
  let end = out.length;
  while (end > protectedLength && WHITESPACES.includes(out[end - 1]!)) end--;
  return out.slice(0, end);
}

function parseLabels(cursor: Cursor): { labels: string[]; error: string | null } {
  const labels: string[] = [];
  while (cursor.text[cursor.at] === "[") {
    const start = cursor.at;
    cursor.at++;
    const name = getToken(cursor, "]");
    if (name === "") return { labels, error: `Bad (empty?) label found in the following: "${cursor.text.slice(start)}".` };
    if (cursor.text[cursor.at] !== "]") return { labels, error: `Mismatched '[' found in the following: "${cursor.text.slice(start)}".` };
    cursor.at++;
    labels.push(name);
    skip(cursor, WHITESPACES);
  }
  return { labels, error: null };
}

/** Parse a whole graph (`-filter_complex`, `-vf`, a lavfi input, a filter script's text). */
export function parseFilterGraph(text: string, filters: FilterShorthands): FilterGraph {
  const cursor: Cursor = { text, at: 0 };
  skip(cursor, WHITESPACES);
  // A graph may start with `sws_flags=…;` (graph-wide scaler options).
  let scalerOptions: string | null = null;
  if (text.startsWith("sws_flags=", cursor.at)) {
    const end = text.indexOf(";", cursor.at);
    if (end < 0) return { filters: [], error: "sws_flags without a terminating ';'", scalerOptions };
    scalerOptions = text.slice(cursor.at + "sws_".length, end);
    cursor.at = end + 1;
  }
  const uses: FilterUse[] = [];
  let separator: string | undefined;
  let chain = 0;
  do {
    skip(cursor, WHITESPACES);
    const inputs = parseLabels(cursor);
    if (inputs.error !== null) return { filters: uses, error: inputs.error, scalerOptions };
    const nameToken = getToken(cursor, "=,;[");
    let args: string | null = null;
    if (text[cursor.at] === "=") {
      cursor.at++;
      args = getToken(cursor, "[],;");
    }
    const outputs = parseLabels(cursor);
    uses.push(filterUse(nameToken, args, inputs.labels, outputs.labels, chain, filters));
    if (outputs.error !== null) return { filters: uses, error: outputs.error, scalerOptions };
    skip(cursor, WHITESPACES);
    separator = text[cursor.at++];
    if (separator === ";") chain++;
  } while (separator === "," || separator === ";");
  if (separator !== undefined) return { filters: uses, error: `Unable to parse graph description substring: "${text.slice(cursor.at - 1)}"`, scalerOptions };
  return { filters: uses, error: null, scalerOptions };
}

function filterUse(nameToken: string, args: string | null, inputs: string[], outputs: string[], chain: number, filters: FilterShorthands): FilterUse {
  const at = nameToken.indexOf("@");
  const name = at < 0 ? nameToken : nameToken.slice(0, at);
  const instance = at < 0 ? null : nameToken.slice(at + 1);
  const shorthand = filters.shorthand(name);
  if (shorthand === null) return { name, chain, instance, args, options: [], inputs, outputs, problem: `No such filter: '${name}'` };
  const parsed = args === null || args === "" ? { options: [], problem: null } : parseFilterOptions(args, shorthand);
  return { name, chain, instance, args, options: parsed.options, inputs, outputs, problem: parsed.problem };
}

/** av_opt_get_key_value's key characters. */
function isKeyChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9\-_/.]/.test(c);
}

/**
 * process_options: positional values take the shorthand names in order. After a
 * `key=value`, ffmpeg 5.1 assigns a further positional value to the option *declared
 * after that key* (checked: `drawtext=text=a:b` sets textfile=b) — a quiet way to reach
 * a file option, so it is reported as a problem instead of being modelled.
 */
export function parseFilterOptions(args: string, shorthand: readonly string[]): { options: FilterOption[]; problem: string | null } {
  const cursor: Cursor = { text: args, at: 0 };
  const options: FilterOption[] = [];
  let named: string | null = null;
  while (cursor.at < args.length) {
    const key = readKey(cursor);
    const position = options.length;
    if (key === null && named !== null) {
      return { options, problem: `a value without a name after '${named}=…' sets whichever option is declared next; write its name` };
    }
    if (key === null && position >= shorthand.length) return { options, problem: `No option name near '${args.slice(cursor.at)}'` };
    const value = getToken(cursor, ":");
    if (cursor.at < args.length) cursor.at++;
    if (key !== null) named = key;
    options.push({ key: key ?? shorthand[position]!, value, positional: key === null });
  }
  return { options, problem: null };
}

/** opt.c get_key with delimiter `=`: `name=` at the cursor (consumed), or null (cursor unchanged). */
export function readKey(cursor: Cursor): string | null {
  let at = cursor.at;
  const text = cursor.text;
  while (at < text.length && WHITESPACES.includes(text[at]!)) at++;
  const start = at;
  while (isKeyChar(text[at])) at++;
  const key = text.slice(start, at);
  while (at < text.length && WHITESPACES.includes(text[at]!)) at++;
  if (text[at] !== "=") return null;
  cursor.at = at + 1;
  return key;
}
