import { describe, expect, it } from "vitest";
import { parseMlTable } from "./mltable";

describe("parseMlTable", () => {
  it("keeps paths, the read step, take and dropped columns", () => {
    const table = parseMlTable(`
type: mltable
paths:
  - file: ./train.csv
  - pattern: ./more/*.csv
transformations:
  - read_delimited:
      delimiter: ';'
      header: all_files_same_headers
  - take: 100
  - drop_columns: [id, notes]
`);
    expect(table).toEqual({
      paths: [{ file: "./train.csv" }, { pattern: "./more/*.csv" }],
      read: { format: "csv", delimiter: ";" },
      take: 100,
      dropColumns: ["id", "notes"],
    });
  });

  it("reads read_parquet with no options and a single dropped column", () => {
    const table = parseMlTable(
      "paths:\n  - folder: ./parts\ntransformations:\n  - read_parquet:\n  - drop_columns: id\n",
    );
    expect(table.read).toEqual({ format: "parquet" });
    expect(table.dropColumns).toEqual(["id"]);
  });

  it.each([
    ["no paths", "transformations: []\n", /paths/],
    [
      "an unsupported transformation",
      "paths: [{file: a.csv}]\ntransformations:\n  - filter: 'x > 1'\n",
      /Invalid MLTable/,
    ],
    [
      "a take that is not a positive integer",
      "paths: [{file: a.csv}]\ntransformations:\n  - take: -3\n",
      /Invalid MLTable/,
    ],
    ["YAML that does not parse", "paths: [\n", /does not parse/],
  ])("refuses %s", (_label, text, message) => {
    expect(() => parseMlTable(text)).toThrow(message);
  });
});
