// The generated data files (catalogues, effects) are indexed by names taken from the
// command line, so they are read without prototypes: `-f toString`, `-c:v constructor`
// or a filter option `__proto__` must find nothing in them.

import { readFileSync } from "node:fs";

export function readData<T>(url: URL): T {
  return JSON.parse(readFileSync(url, "utf8"), (_key, value: unknown) =>
    value !== null && typeof value === "object" && !Array.isArray(value) ? Object.setPrototypeOf(value, null) : value,
  ) as T;
}
