// Identity mapping: the operators' meanings, type games explained, and the indexed fast
// path agreeing with the explained one on arbitrary claims.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mapIdentity, rolesOf } from "../../src/engine/identity.js";
import type { JsonValue } from "../../src/ir/policy.js";
import { policyFromText } from "../helpers.js";

const POLICY = `
provider okta oidc {
  issuer "https://login.example.com/"
  audience "ffmpeg"
  jwks "keys.json"
}
provider ci api_token { tokens "tokens.json" }
set teams = [red, blue]
map okta claim groups contains "editors" => editor
map okta claim client_id == "render-farm" => renderer
map okta claim realm_access.roles contains admin => admin
map okta claim "https://example.com/tier" in [gold, platinum] => premium
map okta claim team in teams => team
map okta claim level == 3 => level3
map okta claim constructor == "Object" => proto
map ci subject "ci-bot" => renderer
role proto { read "/g/**" }
role editor { read "/a/**" }
role renderer { read "/b/**" }
role admin { read "/c/**" }
role premium { read "/d/**" }
role team { read "/e/**" }
role level3 { read "/f/**" }
`;
const policy = policyFromText(POLICY);

function roles(claims: Record<string, JsonValue>, provider = "okta"): string[] {
  return [...rolesOf(policy, { provider, claims })].sort();
}

function why(claims: Record<string, JsonValue>, role: string): string {
  return mapIdentity(policy.ir, { provider: "okta", claims }).rules.find((r) => r.rule.role === role)!.why;
}

describe("map rules", () => {
  it("treats contains as membership, a single string as a one-element set, never a substring", () => {
    expect(roles({ groups: ["viewers", "editors"] })).toEqual(["editor"]);
    expect(roles({ groups: "editors" })).toEqual(["editor"]);
    expect(roles({ groups: "video-editors-team" })).toEqual([]);
    expect(roles({ groups: ["editors-2"] })).toEqual([]);
  });

  it("compares == by value and type", () => {
    expect(roles({ client_id: "render-farm" })).toEqual(["renderer"]);
    expect(roles({ level: 3 })).toEqual(["level3"]);
    expect(roles({ level: "3" })).toEqual([]);
    expect(why({ level: "3" }, "level3")).toBe('level is "3", not 3');
  });

  it("reaches nested claims through dotted paths and quoted names", () => {
    expect(roles({ realm_access: { roles: ["admin"] } })).toEqual(["admin"]);
    expect(roles({ "https://example.com/tier": "gold" })).toEqual(["premium"]);
    expect(roles({ team: "blue" })).toEqual(["team"]);
  });

  it("never matches a missing claim, and explains type mismatches", () => {
    expect(roles({})).toEqual([]);
    expect(why({}, "editor")).toBe("the identity has no claim groups");
    expect(roles({ client_id: ["render-farm"] })).toEqual([]);
    expect(why({ client_id: ["render-farm"] }, "renderer")).toBe("client_id is a list, not a single value; use 'contains'");
    expect(roles({ team: ["blue"] })).toEqual([]);
    expect(why({ team: ["blue"] }, "team")).toContain("'in' tests a single value");
    expect(roles({ groups: { editors: true } })).toEqual([]);
    expect(why({ groups: { editors: true } }, "editor")).toBe("groups is an object, not a list");
  });

  it("reads only the token's own claims, never JavaScript's object properties", () => {
    expect(roles({ groups: ["editors"] })).toEqual(["editor"]);
    expect(why({}, "proto")).toBe("the identity has no claim constructor");
    expect(roles({ constructor: "Object" })).toEqual(["proto"]);
  });

  it("matches subjects for every provider kind, and only rules of the identity's provider", () => {
    expect(roles({ sub: "ci-bot" }, "ci")).toEqual(["renderer"]);
    expect(roles({ sub: "ci-bot", groups: ["editors"] }, "ci")).toEqual(["renderer"]);
    expect(roles({ sub: "ci-bot" })).toEqual([]);
  });
});

describe("the indexed mapping agrees with the explained one", () => {
  const scalar = fc.oneof(fc.constantFrom("editors", "render-farm", "admin", "gold", "red", "blue", "ci-bot"), fc.integer({ min: 0, max: 4 }), fc.boolean());
  const claim = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.record({ roles: fc.array(scalar, { maxLength: 2 }) }));
  const claims = fc.dictionary(fc.constantFrom("sub", "groups", "client_id", "realm_access", "https://example.com/tier", "team", "level"), claim);
  it("on arbitrary claims", () => {
    fc.assert(
      fc.property(claims, fc.constantFrom("okta", "ci"), (c, provider) => {
        const explained = [...new Set(mapIdentity(policy.ir, { provider, claims: c }).roles)].sort();
        expect([...rolesOf(policy, { provider, claims: c })].sort()).toEqual(explained);
      }),
      { numRuns: 500 },
    );
  });
});
