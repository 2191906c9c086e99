// The one catalogue of diagnostic codes. A code is stable forever: its meaning never
// changes and a retired code is never reused. Every code has a page
// docs/diagnostics/FFPxxxx.md (a test checks this) that the editor links to.
//
// FFP1xxx syntax · FFP2xxx names · FFP3xxx values · FFP4xxx analyses · FFP5xxx commands

export type Severity = "error" | "warning";

interface CodeInfo {
  readonly severity: Severity;
  readonly title: string;
}

export const CODES = {
  FFP1001: { severity: "error", title: "Unexpected token" },
  FFP1002: { severity: "error", title: "Unterminated string" },
  FFP1003: { severity: "error", title: "Invalid character" },
  FFP1004: { severity: "error", title: "Invalid escape in a string" },
  FFP1005: { severity: "error", title: "Unknown statement" },
  FFP1006: { severity: "error", title: "Unknown rule" },
  FFP1007: { severity: "error", title: "Invalid command line" },
  FFP1008: { severity: "error", title: "Duplicate key" },

  FFP2001: { severity: "error", title: "Unknown role" },
  FFP2002: { severity: "error", title: "Duplicate declaration" },
  FFP2003: { severity: "error", title: "Unknown set" },
  FFP2004: { severity: "error", title: "Unknown provider" },
  FFP2005: { severity: "error", title: "Cyclic extends" },
  FFP2006: { severity: "error", title: "Unknown codec" },
  FFP2007: { severity: "error", title: "Unknown encoder" },
  FFP2008: { severity: "error", title: "Unknown filter" },
  FFP2009: { severity: "error", title: "Unknown protocol" },
  FFP2010: { severity: "error", title: "Unknown format" },
  FFP2011: { severity: "error", title: "Unknown device" },
  FFP2012: { severity: "error", title: "Import cannot be read" },
  FFP2013: { severity: "error", title: "Cyclic import" },
  FFP2014: { severity: "error", title: "Unknown provider kind" },
  FFP2015: { severity: "error", title: "Unknown setting" },
  FFP2016: { severity: "error", title: "Invalid template" },
  FFP2017: { severity: "error", title: "Unknown option" },
  FFP2018: { severity: "error", title: "More than one policy name" },

  FFP3001: { severity: "error", title: "Invalid quantity" },
  FFP3002: { severity: "error", title: "Wrong kind of quantity" },
  FFP3003: { severity: "warning", title: "Lowercase m is milli" },
  FFP3004: { severity: "warning", title: "Empty grant" },
  FFP3005: { severity: "warning", title: "Contradictory rules" },
  FFP3006: { severity: "error", title: "Invalid path or url pattern" },
  FFP3007: { severity: "error", title: "Invalid value" },
  FFP3008: { severity: "error", title: "Missing setting" },
  FFP3009: { severity: "warning", title: "Rule repeated" },
  FFP3010: { severity: "error", title: "Incomplete test" },

  FFP4001: { severity: "warning", title: "Grant shadowed by a forbid" },
  FFP4002: { severity: "warning", title: "Role nobody can hold" },
  FFP4003: { severity: "warning", title: "Mapped role grants nothing" },
  FFP4004: { severity: "warning", title: "Role loosens its parent's limit" },
  FFP4005: { severity: "warning", title: "Publish pattern reaches local files" },
} as const satisfies Record<string, CodeInfo>;

export type Code = keyof typeof CODES;

export const DOCS_BASE_URL = "https://github.com/ffpolicy/ffpolicy/blob/main/docs/diagnostics/";

export function docsUrl(code: Code): string {
  return `${DOCS_BASE_URL}${code}.md`;
}
