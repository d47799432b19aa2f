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

/**
 * One stored file to show in place (image thumbnails, text) with its content type; sandboxed so it
 * never runs as a page, and answered 304 when the caller holds the same bytes.
 */
export function inlineFile(
  req: Request,
  file: { path: string; size: number; sha256: string; stream: Readable },
  contentType: string,
): Response {
  const etag = `"${file.sha256}"`;
  if (req.headers.get("if-none-match") === etag) {
    file.stream.destroy();
    return new Response(null, { status: 304, headers: { etag } });
  }
  return new Response(Readable.toWeb(file.stream) as ReadableStream, {
    headers: {
      "content-type": contentType,
      "content-length": String(file.size),
      "content-disposition": contentDisposition("inline", file.path.split("/").at(-1)!),
      "x-content-type-options": "nosniff",
      "content-security-policy": "sandbox; default-src 'none'",
      // A file's bytes never change under its SHA-256; private, as it needs the caller's rights.
      "cache-control": "private, max-age=3600",
      etag,
    },
  });
}
