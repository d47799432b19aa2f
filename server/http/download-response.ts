import { Readable } from "node:stream";

/** A Content-Disposition value that keeps any file name intact (RFC 6266's UTF-8 form). */
export function contentDisposition(kind: "attachment" | "inline", fileName: string): string {
  return `${kind}; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** One stored file, streamed as a download named after the last part of its path. */
export function fileDownload(file: { path: string; size: number; sha256: string; stream: Readable }): Response {
  return new Response(Readable.toWeb(file.stream) as ReadableStream, {
    headers: {
      "content-type": "application/octet-stream",
      "content-length": String(file.size),
      "content-disposition": contentDisposition("attachment", file.path.split("/").at(-1) || "file"),
      etag: `"${file.sha256}"`,
    },
  });
}

/** A folder packed as a tar while it streams. */
export function tarDownload(archive: { name: string; stream: Readable }): Response {
  return new Response(Readable.toWeb(archive.stream) as ReadableStream, {
    headers: {
      "content-type": "application/x-tar",
      "content-disposition": contentDisposition("attachment", archive.name),
    },
  });
}
