import { describe, expect, it } from "vitest";
import { packCodeFolder } from "../components/endpoints/pack-code-folder";
import { readCodeArchive } from "../server/services/batch-endpoints/read-code-archive";
import { ZCreateBatchDeploymentInput } from "../server/services/batch-endpoints/batch-deployment-settings";

const text = (s: string) => new TextEncoder().encode(s);

describe("packCodeFolder", () => {
  it("packs a folder the deployment's own reader unpacks byte for byte", async () => {
    const binary = new Uint8Array(70_000).map((_, i) => (i * 7) % 256);
    const files = [
      { path: "score.py", content: text("def run(mini_batch):\n    return mini_batch\n") },
      { path: "lib/helpers.py", content: text("WEIGHT = 'é✓'\n") },
      { path: `deep/${"d".repeat(120)}/x.bin`, content: binary },
      { path: "empty.txt", content: new Uint8Array(0) },
    ];
    const archive = await packCodeFolder(files);
    // The procedure's own input check takes it as a code archive.
    const parsed = ZCreateBatchDeploymentInput.shape.codeArchive.safeParse(archive);
    expect(parsed.success).toBe(true);

    const read = await readCodeArchive(Buffer.from(archive, "base64"), "score.py");
    expect(read.map((f) => f.path).sort()).toEqual(files.map((f) => f.path).sort());
    for (const file of files) {
      const got = read.find((f) => f.path === file.path)!;
      expect(Buffer.compare(got.content, Buffer.from(file.content))).toBe(0);
    }
  });

  it("is refused by the reader when the scoring script is not in it", async () => {
    const archive = await packCodeFolder([{ path: "other.py", content: text("pass\n") }]);
    await expect(readCodeArchive(Buffer.from(archive, "base64"), "score.py")).rejects.toThrow(
      "'score.py' is not in the code folder (it holds other.py)",
    );
  });
});
