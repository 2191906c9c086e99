// Encoder parameter strings (`-x264-params`, `-x265-params`, `-x264opts`): `key=value`
// pairs split on ':' with av_get_token's quoting. Each key is looked up in the catalogue
// after the encoder's own normalisation (x264_param_parse and x265_param_parse turn '_'
// into '-' and read a `no-`/`no` prefix as the same key, inverted). Unknown keys stay
// unknown: the caller denies them, since several keys write files.

import type { CatalogueIndex } from "../catalogue/index.js";
import type { EncoderParamEffect } from "../catalogue/types.js";
import { getToken } from "../filtergraph.js";

export interface EncoderParam {
  readonly key: string;
  readonly value: string;
  /** null: not a key this encoder knows. */
  readonly effect: EncoderParamEffect | null;
}

export function parseEncoderParams(option: string, text: string, catalogue: CatalogueIndex): EncoderParam[] {
  const known = catalogue.data.encoderParams[option] ?? {};
  const params: EncoderParam[] = [];
  const cursor = { text, at: 0 };
  while (cursor.at < text.length) {
    const key = getToken(cursor, option === "x264opts" ? "=:" : "=");
    let value = "1";
    if (text[cursor.at] === "=") {
      cursor.at++;
      value = getToken(cursor, ":");
    }
    if (text[cursor.at] === ":") cursor.at++;
    if (key === "") continue;
    params.push({ key, value, effect: effectOf(key, known) });
  }
  return params;
}

function effectOf(key: string, known: Readonly<Record<string, EncoderParamEffect>>): EncoderParamEffect | null {
  const name = key.replaceAll("_", "-");
  const direct = known[name];
  if (direct !== undefined) return direct;
  const inverted = name.startsWith("no-") ? name.slice(3) : name.startsWith("no") ? name.slice(2) : null;
  return inverted === null ? null : (known[inverted] ?? null);
}
