// Tables keyed by text from a command line or a policy: only their own entries count,
// never what every object inherits (`toString`, `constructor`).

export function ownEntry<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
