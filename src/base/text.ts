/** "a video codec", "an audio codec", "an alert action". */
export function articled(phrase: string): string {
  return /^[aeiou]/i.test(phrase) ? `an ${phrase}` : `a ${phrase}`;
}
