/** A half-open span of UTF-16 offsets into one file's text. */
export interface Range {
  readonly start: number;
  readonly end: number;
}

export function range(start: number, end: number): Range {
  return { start, end };
}

export function covering(first: Range, last: Range): Range {
  return { start: first.start, end: last.end };
}

export function contains(outer: Range, offset: number): boolean {
  return outer.start <= offset && offset <= outer.end;
}
