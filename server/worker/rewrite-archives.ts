import { PassThrough, type Readable } from "node:stream";
import { extract, type Header, pack } from "tar-stream";

/**
 * One tar archive of the entries of `archives`, in order, each header changed by `rewrite` (null
 * leaves the entry out). Contents are streamed, never held whole. A broken input fails the output.
 */
export function rewriteArchives(
  archives: Iterable<Readable> | AsyncIterable<Readable>,
  rewrite: (header: Header) => Header | null,
): Readable {
  const layer = pack();
  const out = new PassThrough();
  layer.pipe(out);
  // An archive that breaks off errors on its own stream (and pipes pass errors on to the others),
  // which no loop below may be awaiting at the time: every stream reports to `failure`.
  let fail: (error: Error) => void = () => undefined;
  const failure = new Promise<never>((_, reject) => (fail = reject));
  failure.catch(() => undefined);
  layer.on("error", fail);
  void (async () => {
    for await (const archive of archives) {
      const entries = extract();
      for (const stream of [archive, entries]) stream.on("error", fail);
      archive.pipe(entries);
      for await (const file of entries) {
        const header = rewrite(file.header);
        if (!header) {
          file.resume();
          continue;
        }
        file.on("error", fail);
        const copied = new Promise<void>((resolve, reject) => {
          const sink = layer.entry(header, (error) => (error ? reject(error) : resolve()));
          sink.on("error", fail);
          file.pipe(sink);
        });
        await Promise.race([copied, failure]);
      }
    }
    layer.finalize();
  })().catch((error: unknown) => out.destroy(error as Error));
  return out;
}

/** The entries of a tar archive that are themselves tar archives (by name), as streams. */
export async function* innerArchives(archive: Readable): AsyncIterable<Readable> {
  const entries = extract();
  archive.on("error", (error) => entries.destroy(error));
  archive.pipe(entries);
  for await (const entry of entries) {
    // A streamx stream, which pipes and reports errors as a Node one does.
    if (entry.header.type === "file" && entry.header.name.endsWith(".tar")) yield entry as unknown as Readable;
    else entry.resume();
  }
}
