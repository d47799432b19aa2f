/** How many leading bytes `imageSize` may need: JPEG's size comes after its metadata segments. */
export const IMAGE_HEADER_BYTES = 256 * 1024;

export type TImageSize = { width: number; height: number; format: "png" | "jpeg" | "gif" | "bmp" | "webp" };

/**
 * An image's pixel size read from its first bytes (PNG, JPEG, GIF, BMP, WebP), or null when the
 * bytes are not one of these images: the labeling queue shows such an item as broken.
 */
export function imageSize(head: Buffer): TImageSize | null {
  if (head.length >= 24 && head.readUInt32BE(0) === 0x89504e47 && head.toString("ascii", 12, 16) === "IHDR")
    return sized(head.readUInt32BE(16), head.readUInt32BE(20), "png");
  if (head.length >= 10 && head.toString("ascii", 0, 3) === "GIF")
    return sized(head.readUInt16LE(6), head.readUInt16LE(8), "gif");
  if (head.length >= 26 && head.toString("ascii", 0, 2) === "BM")
    return sized(head.readInt32LE(18), Math.abs(head.readInt32LE(22)), "bmp");
  if (head.length >= 30 && head.toString("ascii", 0, 4) === "RIFF" && head.toString("ascii", 8, 12) === "WEBP")
    return webpSize(head);
  if (head.length >= 4 && head[0] === 0xff && head[1] === 0xd8) return jpegSize(head);
  return null;
}

function sized(width: number, height: number, format: TImageSize["format"]): TImageSize | null {
  return width > 0 && height > 0 && width <= 100_000 && height <= 100_000 ? { width, height, format } : null;
}

function webpSize(head: Buffer): TImageSize | null {
  const chunk = head.toString("ascii", 12, 16);
  if (chunk === "VP8 ") return sized(head.readUInt16LE(26) & 0x3fff, head.readUInt16LE(28) & 0x3fff, "webp");
  if (chunk === "VP8L") {
    const bits = head.readUInt32LE(21);
    return sized((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1, "webp");
  }
  if (chunk === "VP8X") return sized(head.readUIntLE(24, 3) + 1, head.readUIntLE(27, 3) + 1, "webp");
  return null;
}

/** Walks the segments to the first start-of-frame marker, which holds height then width. */
function jpegSize(head: Buffer): TImageSize | null {
  let at = 2;
  while (at + 9 < head.length) {
    if (head[at] !== 0xff) return null;
    const marker = head[at + 1]!;
    if (marker === 0xff) {
      at++;
      continue;
    }
    const length = head.readUInt16BE(at + 2);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return sized(head.readUInt16BE(at + 7), head.readUInt16BE(at + 5), "jpeg");
    at += 2 + length;
  }
  return null;
}
