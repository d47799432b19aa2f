/** The last `maxBytes` (about) of a growing text, with a first line saying how much was dropped. */
export class BoundedText {
  private chunks: string[] = [];
  private size = 0;
  private dropped = 0;

  constructor(private readonly maxBytes: number) {}

  append(text: string): void {
    this.chunks.push(text);
    this.size += Buffer.byteLength(text);
    while (this.size > this.maxBytes && this.chunks.length > 1) {
      const first = this.chunks.shift()!;
      const bytes = Buffer.byteLength(first);
      this.size -= bytes;
      this.dropped += bytes;
    }
    if (this.size > this.maxBytes) {
      // One chunk larger than the whole budget: keep its end.
      const only = Buffer.from(this.chunks[0]!);
      const keep = only.subarray(only.length - this.maxBytes).toString();
      this.dropped += only.length - Buffer.byteLength(keep);
      this.chunks = [keep];
      this.size = Buffer.byteLength(keep);
    }
  }

  toString(): string {
    const body = this.chunks.join("");
    return this.dropped > 0
      ? `[${this.dropped} bytes of earlier log dropped; the build record keeps the last ${this.maxBytes} bytes]\n${body}`
      : body;
  }
}
