/** A file chosen for upload, with its path inside the version (`/` separators). */
export type TPickedFile = { path: string; file: File };

/**
 * Paths inside the version: a single picked folder's own name is left out, as the CLI does with
 * `--path DIR`, so `digits/train/x.csv` becomes `train/x.csv`.
 */
export function relativePaths(entries: { path: string; file: File }[]): TPickedFile[] {
  const roots = new Set(entries.map((e) => (e.path.includes("/") ? e.path.split("/")[0] : null)));
  const isOneFolder = roots.size === 1 && !roots.has(null);
  return entries
    .map((e) => ({ path: isOneFolder ? e.path.split("/").slice(1).join("/") : e.path, file: e.file }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Files of an `<input type=file>`, with their folder paths when a folder was picked (webkitdirectory). */
export function filesFromInput(list: FileList): TPickedFile[] {
  return relativePaths([...list].map((file) => ({ path: file.webkitRelativePath || file.name, file })));
}

function readAll(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  // readEntries answers in batches (100 in Chromium) until it answers an empty one.
  return new Promise((resolve, reject) => {
    const all: FileSystemEntry[] = [];
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) resolve(all);
        else {
          all.push(...batch);
          next();
        }
      }, reject);
    next();
  });
}

async function walk(entry: FileSystemEntry, prefix: string, out: { path: string; file: File }[]): Promise<void> {
  const path = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ path, file });
  } else if (entry.isDirectory) {
    for (const child of await readAll((entry as FileSystemDirectoryEntry).createReader())) await walk(child, path, out);
  }
}

/** Files and folders dropped on the page; a folder is walked through its entries. */
export async function filesFromDrop(transfer: DataTransfer): Promise<TPickedFile[]> {
  // Entries must be taken before the first await: the DataTransfer is emptied after the event.
  const entries = [...transfer.items].map((item) => item.webkitGetAsEntry()).filter((e) => e !== null);
  if (entries.length === 0) return relativePaths([...transfer.files].map((file) => ({ path: file.name, file })));
  const out: { path: string; file: File }[] = [];
  for (const entry of entries) await walk(entry, "", out);
  return relativePaths(out);
}
