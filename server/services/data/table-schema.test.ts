import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parquetWriteBuffer } from "hyparquet-writer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inferCsvSchema, readParquetSchema } from "./table-schema";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "table-schema-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string | Uint8Array) {
  const target = path.join(dir, name);
  await fs.writeFile(target, content);
  return target;
}

describe("inferCsvSchema", () => {
  it("names columns from the header and types them from the rows", async () => {
    const csv = await file(
      "a.csv",
      'id,score,label,isGood,when,empty\n1,0.5,cat,true,2024-01-02,\n2,1e3,"dog, big",false,2024-01-03T10:00:00Z,\n3,-2,,TRUE,2024-02-01,\n',
    );
    expect(await inferCsvSchema(csv)).toEqual([
      { name: "id", type: "integer" },
      { name: "score", type: "float" },
      { name: "label", type: "string" },
      { name: "isGood", type: "boolean" },
      { name: "when", type: "datetime" },
      { name: "empty", type: "string" },
    ]);
  });

  it("reads another delimiter", async () => {
    const csv = await file("b.csv", "x;y\n1;a\n");
    expect(await inferCsvSchema(csv, ";")).toEqual([
      { name: "x", type: "integer" },
      { name: "y", type: "string" },
    ]);
  });

  it("looks only at the first 200 rows", async () => {
    const rows = Array.from({ length: 300 }, (_, i) => (i < 250 ? String(i) : "text")).join("\n");
    const csv = await file("c.csv", `n\n${rows}\n`);
    expect(await inferCsvSchema(csv)).toEqual([{ name: "n", type: "integer" }]);
  });

  it("refuses a file with no header", async () => {
    await expect(inferCsvSchema(await file("d.csv", ""))).rejects.toThrow(/no header/);
  });
});

describe("readParquetSchema", () => {
  it("reads names and types from the footer", async () => {
    const buffer = parquetWriteBuffer({
      columnData: [
        { name: "id", data: new Int32Array([1, 2, 3]), type: "INT32" },
        { name: "score", data: new Float64Array([0.1, 0.2, 0.3]), type: "DOUBLE" },
        { name: "label", data: ["a", "b", "c"], type: "STRING" },
      ],
    });
    const parquet = await file("t.parquet", new Uint8Array(buffer));
    expect(await readParquetSchema(parquet)).toEqual([
      { name: "id", type: "int32" },
      { name: "score", type: "double" },
      { name: "label", type: "string" },
    ]);
  });

  it("refuses a file that is not Parquet", async () => {
    await expect(readParquetSchema(await file("u.parquet", "id,x\n1,2\n"))).rejects.toThrow(
      /Parquet file does not parse/,
    );
  });
});
