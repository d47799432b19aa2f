import { describe, expect, it } from "vitest";
import { labelLines, parseLabelLines } from "./label-lines";

describe("label lines", () => {
  it("reads names with optional colours and keys, and writes them back the same way", () => {
    const parsed = parseLabelLines("cat #FF8800 key:c\n\n  traffic light  \ndog key:d");
    expect(parsed).toEqual({
      labels: [{ name: "cat", color: "#ff8800", hotkey: "c" }, { name: "traffic light" }, { name: "dog", hotkey: "d" }],
      error: null,
    });
    expect(
      labelLines([
        { name: "cat", color: "#ff8800", hotkey: "c" },
        { name: "dog", color: "#2563eb", hotkey: null },
      ]),
    ).toBe("cat #ff8800 key:c\ndog #2563eb");
  });

  it("names the line that is wrong", () => {
    expect(parseLabelLines("cat\nkey:ab").error).toBe("Line 2: a key is one letter or digit, as key:c");
    expect(parseLabelLines("cat\n#ff0000").error).toBe("Line 2: a label needs a name");
    expect(parseLabelLines("  \n").error).toBe("Give at least one label");
  });
});
