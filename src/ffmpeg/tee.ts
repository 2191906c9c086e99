// tee_common.c: how the tee muxer and the tee protocol read their list of children, each
// `[options]url`, separated by '|'.

import { getToken, readKey, type Cursor } from "./filtergraph.js";

/** A tee branch (or tee: protocol child) as tee.c and teeproto.c read it. */
export interface TeeBranch {
  /** What follows the option block, as it is (the branch is unescaped once, not again). */
  readonly url: string;
  /**
   * The branch's options. As in an AVDictionary a key replaces any earlier one that differs
   * only in case; tee's own keys (`f`, `select`, `onfail`, `use_fifo`, `fifo_options`,
   * `bsfs…`), which open_slave takes with av_dict_get in any case, are under their
   * lower-case names (`[F=hls]` is `f=hls`).
   */
  readonly options: Map<string, string>;
  /**
   * Why tee refuses the branch's options (ffmpeg opens nothing for it), or null. A refused
   * branch has no options and an empty url, so a reader that misses this still finds no format.
   */
  readonly problem: string | null;
}

/**
 * tee.c tee_write_header and teeproto.c tee_open: each branch is `av_get_token(&filename, "|")` (quotes and `\`
 * escapes honoured, blanks trimmed), then one '|' is skipped. tee_common.c
 * ff_tee_parse_slave_options: after a leading '[', `key=value` pairs are read with
 * av_opt_get_key_value(…, "=", ":]") — so each value is a second av_get_token, and a
 * quoted or escaped ']' does not end the block — until a value stops at ']'; the url is the
 * rest of the branch.
 */
export function teeBranches(url: string): TeeBranch[] {
  const branches: TeeBranch[] = [];
  const cursor: Cursor = { text: url, at: 0 };
  while (cursor.at < url.length) {
    branches.push(teeBranch(getToken(cursor, "|")));
    if (url[cursor.at] === "|") cursor.at++;
  }
  return branches;
}

function teeBranch(slave: string): TeeBranch {
  const options = new Map<string, string>();
  if (!slave.startsWith("[")) return { url: slave, options, problem: null };
  if (slave[1] === "]") return { url: slave.slice(2), options, problem: null };
  const cursor: Cursor = { text: slave, at: 1 };
  for (;;) {
    const at = cursor.at;
    const key = readKey(cursor);
    if (key === null) return refusedBranch(`tee branch '${slave}': No option found near "${slave.slice(at)}"`);
    setDictionaryEntry(options, key, getToken(cursor, ":]"));
    if (slave[cursor.at] === "]") break;
    // tee_common.c steps over the ':' — or, with no ']' left, past the end of the string.
    if (cursor.at >= slave.length) return refusedBranch(`tee branch '${slave}': its options have no closing ']'`);
    cursor.at++;
  }
  return { url: slave.slice(cursor.at + 1), options: withTeeKeysLowerCase(options), problem: null };
}

function refusedBranch(problem: string): TeeBranch {
  return { url: "", options: new Map(), problem };
}

/** av_dict_set without AV_DICT_MATCH_CASE: an entry whose key differs only in case is replaced. */
function setDictionaryEntry(options: Map<string, string>, key: string, value: string): void {
  for (const existing of options.keys()) if (existing.toLowerCase() === key.toLowerCase()) options.delete(existing);
  options.set(key, value);
}

/** open_slave's STEAL_OPTION keys and the `bsfs` prefix (AV_DICT_IGNORE_SUFFIX), found in any case. */
const TEE_OWN_KEYS = new Set(["f", "select", "onfail", "use_fifo", "fifo_options"]);

function withTeeKeysLowerCase(options: Map<string, string>): Map<string, string> {
  const named = (key: string) =>
    TEE_OWN_KEYS.has(key.toLowerCase()) ? key.toLowerCase() : key.slice(0, 4).toLowerCase() === "bsfs" ? `bsfs${key.slice(4)}` : key;
  return new Map([...options].map(([key, value]) => [named(key), value]));
}
