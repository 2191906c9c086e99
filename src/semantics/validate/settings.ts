// Provider and audit blocks: which settings each accepts, which are required, and the
// shape of each value.

import { range, type Range } from "../../base/range.js";
import { didYouMean } from "../../base/suggest.js";
import { diagnostic } from "../../diagnostics/diagnostic.js";
import type * as Ast from "../../syntax/ast.js";
import type { Context } from "../context.js";
import { checkQuantity } from "./quantity.js";
import { ownEntry } from "../../base/tables.js";

type ValueCheck = (ctx: Context, file: string, setting: Ast.Setting) => void;

interface SettingSpec {
  readonly required: boolean;
  readonly check: ValueCheck;
}

/** JWS algorithms a provider may allow: asymmetric only (a JWKS holds public keys). */
export const JWT_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"] as const;

const string: ValueCheck = (ctx, file, setting) => expectShape(ctx, file, setting, (v) => v.kind === "String", "a string");
const url: ValueCheck = (ctx, file, setting) => {
  const value = setting.values[0];
  if (!expectShape(ctx, file, setting, (v) => v.kind === "String", "a url string") || value?.kind !== "String") return;
  if (!/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(value.value))
    ctx.sink.add(file, diagnostic("FFP3007", value.range, `'${value.value}' is not a url like https://login.example.com/`));
};
const stringOrList: ValueCheck = (ctx, file, setting) => {
  if (!expectShape(ctx, file, setting, (v) => v.kind === "String" || v.kind === "List", "a string or a list of strings")) return;
  const value = setting.values[0]!;
  if (value.kind === "List") for (const item of value.items) if (item.kind !== "String") badValue(ctx, file, item, "a string");
};
const duration: ValueCheck = (ctx, file, setting) => {
  const value = setting.values[0];
  if (expectShape(ctx, file, setting, (v) => v.kind === "Word", "a duration like 15m") && value?.kind === "Word") checkQuantity(ctx, file, value, "duration");
};
const algorithms: ValueCheck = (ctx, file, setting) => {
  const value = setting.values[0];
  if (!expectShape(ctx, file, setting, (v) => v.kind === "List", "a list like [RS256, ES256]") || value?.kind !== "List") return;
  for (const item of value.items) {
    const name = item.kind === "Word" ? item.text : item.value;
    if ((JWT_ALGORITHMS as readonly string[]).includes(name)) continue;
    const why = /^HS/.test(name)
      ? "symmetric algorithms need a shared secret and are refused"
      : name === "none"
        ? "unsigned tokens are refused"
        : `expected one of ${JWT_ALGORITHMS.join(", ")}`;
    ctx.sink.add(file, diagnostic("FFP3007", item.range, `'${name}' cannot be allowed: ${why}`));
  }
};
const oneOf =
  (...allowed: string[]): ValueCheck =>
  (ctx, file, setting) => {
    const value = setting.values[0];
    if (!expectShape(ctx, file, setting, (v) => v.kind === "Word", allowed.join(" or ")) || value?.kind !== "Word") return;
    if (!allowed.includes(value.text))
      ctx.sink.add(file, diagnostic("FFP3007", value.range, `'${value.text}' is not valid here; expected ${allowed.join(" or ")}`));
  };
const flag: ValueCheck = () => {};
const keySource: ValueCheck = (ctx, file, setting) => {
  const [how, what] = setting.values;
  const ok =
    (how?.kind === "Word" && how.text === "env" && what?.kind === "Word") ||
    (how?.kind === "Word" && how.text === "file" && what?.kind === "String") ||
    (how?.kind === "String" && what === undefined);
  if (!ok) ctx.sink.add(file, diagnostic("FFP3007", setting.range, `write 'sign_key env VARIABLE' or 'sign_key file "path/to/key.pem"'`));
};

const OIDC: Readonly<Record<string, SettingSpec>> = {
  issuer: { required: true, check: url },
  audience: { required: true, check: stringOrList },
  jwks: { required: true, check: string },
  max_token_age: { required: false, check: duration },
  clock_skew: { required: false, check: duration },
  algorithms: { required: false, check: algorithms },
  accept: { required: false, check: oneOf("id_tokens") },
  one_time: { required: false, check: flag },
};

const SAML: Readonly<Record<string, SettingSpec>> = {
  idp_certificate: { required: true, check: string },
  audience: { required: true, check: stringOrList },
  issuer: { required: false, check: string },
  recipient: { required: false, check: url },
  max_token_age: { required: false, check: duration },
  clock_skew: { required: false, check: duration },
};

const API_TOKEN: Readonly<Record<string, SettingSpec>> = {
  tokens: { required: true, check: string },
};

export const PROVIDER_KINDS: Readonly<Record<string, Readonly<Record<string, SettingSpec>>>> = { oidc: OIDC, saml: SAML, api_token: API_TOKEN };

const AUDIT: Readonly<Record<string, SettingSpec>> = {
  log: { required: true, check: string },
  sign_key: { required: true, check: keySource },
  node: { required: false, check: string },
};

export function checkProvider(ctx: Context, file: string, provider: Ast.ProviderDecl): void {
  const kind = provider.providerKind;
  const specs = ownEntry(PROVIDER_KINDS, kind.text);
  if (specs === undefined) {
    if (!kind.missing) {
      const hint = didYouMean(kind.text, Object.keys(PROVIDER_KINDS)) || `; expected ${Object.keys(PROVIDER_KINDS).join(", ")}`;
      ctx.sink.add(file, diagnostic("FFP2014", kind.range, `unknown provider kind '${kind.text}'${hint}`));
    }
    return;
  }
  checkSettings(ctx, file, provider.settings, specs, `provider ${provider.name.text}`, provider.name.range);
}

export function checkAudit(ctx: Context, file: string, audit: Ast.AuditDecl): void {
  checkSettings(ctx, file, audit.settings, AUDIT, "the audit block", range(audit.range.start, audit.range.start + "audit".length));
}

function checkSettings(
  ctx: Context,
  file: string,
  settings: readonly Ast.Setting[],
  specs: Readonly<Record<string, SettingSpec>>,
  owner: string,
  at: Range,
): void {
  const seen = new Set<string>();
  for (const setting of settings) {
    const name = setting.key.text;
    const spec = ownEntry(specs, name);
    if (spec === undefined) {
      const hint = didYouMean(name, Object.keys(specs)) || `; ${owner} takes ${Object.keys(specs).join(", ")}`;
      ctx.sink.add(file, diagnostic("FFP2015", setting.key.range, `'${name}' is not a setting of ${owner}${hint}`));
      continue;
    }
    if (seen.has(name)) ctx.sink.add(file, diagnostic("FFP3009", setting.key.range, `'${name}' is set twice; keep one`));
    seen.add(name);
    spec.check(ctx, file, setting);
  }
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.required && !seen.has(name)) ctx.sink.add(file, diagnostic("FFP3008", at, `${owner} needs '${name}'`));
  }
}

function expectShape(ctx: Context, file: string, setting: Ast.Setting, ok: (v: Ast.Setting["values"][number]) => boolean, what: string): boolean {
  const value = setting.values[0];
  if (value !== undefined && setting.values.length === 1 && ok(value)) return true;
  ctx.sink.add(file, diagnostic("FFP3007", value?.range ?? setting.key.range, `'${setting.key.text}' takes ${what}`));
  return false;
}

function badValue(ctx: Context, file: string, node: Ast.Node, what: string): void {
  ctx.sink.add(file, diagnostic("FFP3007", node.range, `expected ${what}`));
}
