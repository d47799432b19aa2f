import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { exportContent, type TExportItem } from "./export-formats";

const image = (key: string, result: TExportItem["result"]): TExportItem => ({
  key,
  path: key,
  text: null,
  width: 100,
  height: 50,
  result,
});

describe("export formats", () => {
  it("writes COCO boxes and polygons that read back with their categories, boxes and areas", () => {
    const boxes = exportContent("objectDetection", ["cat", "dog"], "coco", [
      image("a.png", { boxes: [{ label: "dog", x: 1, y: 2, width: 10, height: 20 }] }),
      image("b.png", { boxes: [] }),
    ]);
    const read = JSON.parse(boxes);
    expect(read.images).toEqual([
      { id: 1, file_name: "a.png", width: 100, height: 50 },
      { id: 2, file_name: "b.png", width: 100, height: 50 },
    ]);
    expect(read.categories.map((c: { id: number; name: string }) => [c.id, c.name])).toEqual([
      [1, "cat"],
      [2, "dog"],
    ]);
    expect(read.annotations).toEqual([
      { id: 1, image_id: 1, category_id: 2, bbox: [1, 2, 10, 20], area: 200, iscrowd: 0 },
    ]);
    const polygons = JSON.parse(
      exportContent("instanceSegmentation", ["cat"], "coco", [
        image("a.png", {
          polygons: [
            {
              label: "cat",
              points: [
                [0, 0],
                [10, 0],
                [10, 10],
                [0, 10],
              ],
            },
          ],
        }),
      ]),
    );
    expect(polygons.annotations[0]).toMatchObject({
      segmentation: [[0, 0, 10, 0, 10, 10, 0, 10]],
      bbox: [0, 0, 10, 10],
      area: 100,
    });
  });

  it("writes CSV that a CSV reader gets back, quotes and commas included", () => {
    const text = exportContent("textClassification", ["pos", "neg"], "csv", [
      {
        key: "t.csv#1",
        path: "t.csv",
        text: 'He said "fine", then left',
        width: null,
        height: null,
        result: { labels: ["pos"] },
      },
      {
        key: "t.csv#2",
        path: "t.csv",
        text: "two\nlines",
        width: null,
        height: null,
        result: { labels: ["pos", "neg"] },
      },
    ]);
    expect(parse(text, { columns: true })).toEqual([
      { item: "t.csv#1", path: "t.csv", labels: "pos", text: 'He said "fine", then left' },
      { item: "t.csv#2", path: "t.csv", labels: "pos;neg", text: "two\nlines" },
    ]);
  });

  it("writes entity spans as JSONL with each span's text", () => {
    const lines = exportContent("textEntities", ["PER"], "jsonl", [
      {
        key: "a.txt",
        path: "a.txt",
        text: "Ada Lovelace wrote",
        width: null,
        height: null,
        result: { spans: [{ label: "PER", start: 0, end: 12 }] },
      },
    ])
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      {
        item: "a.txt",
        path: "a.txt",
        text: "Ada Lovelace wrote",
        spans: [{ label: "PER", start: 0, end: 12, text: "Ada Lovelace" }],
      },
    ]);
  });
});
