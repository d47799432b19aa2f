// Turns raw output into console lines: split on newlines, and a carriage return (progress bars
// redrawing themselves) keeps only what was written after it, as a terminal would show.
export class ConsoleLineSplitter {
  private partial = "";

  push(text: string): string[] {
    const parts = (this.partial + text).split("\n");
    // The unterminated rest keeps only its last segment (with a trailing \r, which the next
    // write overwrites), so an endless progress bar cannot grow it.
    const rest = parts.pop() ?? "";
    this.partial = rest.slice(rest.lastIndexOf("\r", rest.length - 2) + 1);
    return parts.map(collapse);
  }

  /** The unterminated rest, at the end of the stream. */
  flush(): string[] {
    const rest = collapse(this.partial);
    this.partial = "";
    return rest ? [rest] : [];
  }
}

const MAX_LINE = 16_384;

function collapse(line: string): string {
  const trimmed = line.endsWith("\r") ? line.slice(0, -1) : line;
  const last = trimmed.lastIndexOf("\r");
  const visible = last >= 0 ? trimmed.slice(last + 1) : trimmed;
  return visible.length > MAX_LINE ? `${visible.slice(0, MAX_LINE)} …[line truncated]` : visible;
}
