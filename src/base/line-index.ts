/** Zero-based line and UTF-16 column, as LSP counts them. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/**
 * Offsets ↔ line/column. Built once per text; the parser tracks offsets only (cheaper),
 * and positions are computed when a diagnostic is reported.
 */
export class LineIndex {
  private readonly starts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) starts.push(i + 1);
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.starts[low]! };
  }

  offset(position: Position): number {
    const lineStart = this.starts[Math.min(Math.max(position.line, 0), this.starts.length - 1)]!;
    const next = this.starts[position.line + 1] ?? this.text.length + 1;
    return Math.min(lineStart + Math.max(position.character, 0), next - 1, this.text.length);
  }

  lineStart(line: number): number {
    return this.starts[line] ?? this.text.length;
  }
}
