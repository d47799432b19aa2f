import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { imageSize } from "./image-size";

function png(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    return Buffer.concat([length, Buffer.from(type), data, Buffer.alloc(4)]);
  };
  const raw = Buffer.alloc((width * 3 + 1) * height);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function jpeg(width: number, height: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, ...Buffer.from("JFIF\0"), 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 8, height >> 8, height & 255, width >> 8, width & 255, 3]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.alloc(9)]);
}

describe("imageSize", () => {
  it("reads PNG, JPEG (past its metadata segments), GIF and BMP sizes", () => {
    expect(imageSize(png(640, 480))).toEqual({ width: 640, height: 480, format: "png" });
    expect(imageSize(jpeg(1920, 1080))).toEqual({ width: 1920, height: 1080, format: "jpeg" });
    const gif = Buffer.concat([Buffer.from("GIF89a"), Buffer.from([0x20, 0x01, 0x10, 0x00])]);
    expect(imageSize(gif)).toEqual({ width: 288, height: 16, format: "gif" });
    const bmp = Buffer.alloc(30);
    bmp.write("BM");
    bmp.writeInt32LE(100, 18);
    bmp.writeInt32LE(-50, 22);
    expect(imageSize(bmp)).toEqual({ width: 100, height: 50, format: "bmp" });
  });

  it("says null for bytes that are not an image, or a truncated one", () => {
    expect(imageSize(Buffer.from("hello, world, this is text"))).toBeNull();
    expect(imageSize(png(10, 10).subarray(0, 12))).toBeNull();
    expect(imageSize(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00]))).toBeNull();
  });
});
