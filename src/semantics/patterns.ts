// The grammar of grant patterns (`read "/mnt/{claims.tenant}/**"`, `publish
// "rtmp://live.example.com/app/*"`): checked here, compiled to matchers by the engine.
// A pattern is a url when it starts with a scheme (`rtmp:`), else an absolute path.

export type PatternKind = "path" | "url";

/** `{claims.tenant}` → ["claims", "tenant"]; `{subject}` → ["subject"]. */
export interface TemplateRef {
  readonly path: readonly string[];
  readonly start: number;
  readonly end: number;
}

export interface PatternProblem {
  /** A malformed template, or anything else wrong with the pattern. */
  readonly kind: "template" | "pattern";
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

export interface PatternSyntax {
  readonly kind: PatternKind;
  readonly templates: readonly TemplateRef[];
  readonly problems: readonly PatternProblem[];
}

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
const TEMPLATE = /\{([^{}]*)\}/g;
const TEMPLATE_PATH = /^(claims(\.[A-Za-z0-9_-]+)+|subject)$/;

export function patternKind(text: string): PatternKind {
  return SCHEME.test(text) ? "url" : "path";
}

export function checkPattern(text: string): PatternSyntax {
  const problems: PatternProblem[] = [];
  const templates = findTemplates(text, problems);
  const kind = patternKind(text);
  if (text.length === 0) problems.push({ kind: "pattern", message: "an empty pattern matches nothing", start: 0, end: 0 });
  else if (kind === "path") checkPath(text, problems);
  else checkUrl(text, problems);
  return { kind, templates, problems };
}

function findTemplates(text: string, problems: PatternProblem[]): TemplateRef[] {
  const templates: TemplateRef[] = [];
  for (const m of text.matchAll(TEMPLATE)) {
    const start = m.index;
    const end = start + m[0].length;
    if (TEMPLATE_PATH.test(m[1]!)) templates.push({ path: m[1]!.split("."), start, end });
    else problems.push({ kind: "template", message: `'${m[0]}' is not a template; write {claims.NAME} (e.g. {claims.tenant}) or {subject}`, start, end });
  }
  const stray = text.replace(TEMPLATE, "").search(/[{}]/);
  if (stray >= 0) problems.push({ kind: "template", message: "unbalanced '{' or '}': templates are written {claims.NAME}", start: 0, end: text.length });
  return templates;
}

function checkPath(text: string, problems: PatternProblem[]): void {
  if (!text.startsWith("/")) {
    problems.push({ kind: "pattern", message: `'${text}' is not absolute: paths in a policy start with '/'`, start: 0, end: text.length });
    return;
  }
  checkSegments(text, 0, problems);
}

function checkUrl(text: string, problems: PatternProblem[]): void {
  const scheme = SCHEME.exec(text)![1]!;
  if (scheme.toLowerCase() === "file") {
    problems.push({ kind: "pattern", message: `write the path without 'file:' (ffmpeg strips it too): '${text.slice(5)}'`, start: 0, end: 5 });
    return;
  }
  const rest = text.slice(scheme.length + 1);
  if (!rest.startsWith("//") || rest.length === 2) {
    problems.push({ kind: "pattern", message: `'${text}' is not a url pattern like ${scheme}://host/path`, start: 0, end: text.length });
    return;
  }
  const pathStart = text.indexOf("/", scheme.length + 3);
  if (pathStart >= 0) checkSegments(text.slice(0, text.includes("?") ? text.indexOf("?") : text.length), pathStart, problems);
}

/** `**` must be a whole segment; `.` and `..` segments would never match a normalised path. */
function checkSegments(text: string, from: number, problems: PatternProblem[]): void {
  let start = from + 1;
  for (const segment of text.slice(from + 1).split("/")) {
    const end = start + segment.length;
    if (segment.includes("**") && segment !== "**") {
      problems.push({ kind: "pattern", message: `'**' must be a whole path segment ('/**/'), not part of '${segment}'`, start, end });
    } else if (segment === "." || segment === "..") {
      problems.push({ kind: "pattern", message: `'${segment}' segments are not allowed: paths are matched after normalisation`, start, end });
    }
    start = end + 1;
  }
}
