import type { Readable } from "node:stream";
import { z } from "zod";
import { AppError } from "../../errors";

/** What a text preview shows at most; the rest is for download. */
export const TEXT_PREVIEW_BYTES = 256 * 1024;

export const ZTextPreview = z.object({
  path: z.string(),
  size: z.number(),
  text: z.string(),
  isTruncated: z.boolean(),
  /** The whole file parsed as JSON and the text is it pretty-printed. */
  isJson: z.boolean(),
});

/**
 * The beginning of an opened stored file (a data or a model version's), read no further than the
 * preview's bound; a JSON file that fits is pretty-printed. A file with NUL bytes is binary and refused.
 */
export async function readTextPreview(file: { path: string; size: number; stream: Readable }) {
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of file.stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      length += chunk.length;
      if (length > TEXT_PREVIEW_BYTES) break;
    }
  } finally {
    file.stream.destroy();
  }
  const bytes = Buffer.concat(chunks).subarray(0, TEXT_PREVIEW_BYTES);
  if (bytes.includes(0)) throw new AppError("BAD_REQUEST", `'${file.path}' is a binary file; download it instead`);
  const isTruncated = file.size > bytes.length;
  // A cut can fall inside a multi-byte character; the decoder then ends with U+FFFD.
  const text = new TextDecoder("utf-8").decode(bytes);
  if (!isTruncated && /\.json$/i.test(file.path)) {
    try {
      return {
        path: file.path,
        size: file.size,
        text: JSON.stringify(JSON.parse(text), null, 2),
        isTruncated,
        isJson: true,
      };
    } catch {
      // Not valid JSON after all: shown as it is.
    }
  }
  return { path: file.path, size: file.size, text, isTruncated, isJson: false };
}
