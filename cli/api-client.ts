import type { Readable } from "node:stream";
import type { TConfig } from "./config";

export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The REST API at /api/v1 with the caller's token; errors come back as `{code, message}`. */
export class ApiClient {
  constructor(private readonly config: TConfig) {}

  get url(): string {
    return this.config.url;
  }

  /** For calls outside /api/v1 that take the same token (an online endpoint in token mode). */
  get token(): string {
    return this.config.token;
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.config.url}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.config.token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return this.parse<T>(response);
  }

  async upload<T>(
    path: string,
    body: Readable,
    { method = "PUT", contentType = "application/gzip" }: { method?: string; contentType?: string } = {},
  ): Promise<T> {
    const response = await fetch(`${this.config.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${this.config.token}`, "content-type": contentType },
      body: body as unknown as ReadableStream,
      duplex: "half",
    } as RequestInit);
    return this.parse<T>(response);
  }

  /** One chunk of a resumable upload. */
  async putBytes<T>(path: string, body: Uint8Array<ArrayBuffer>): Promise<T> {
    const response = await fetch(`${this.config.url}/api/v1${path}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${this.config.token}`, "content-type": "application/octet-stream" },
      body,
    });
    return this.parse<T>(response);
  }

  /** A download's response, its body not yet read; an error answer is thrown. */
  async download(path: string): Promise<Response> {
    const response = await fetch(`${this.config.url}/api/v1${path}`, {
      headers: { authorization: `Bearer ${this.config.token}` },
    });
    if (!response.ok) await this.parse(response);
    return response;
  }

  stream(path: string, lastEventId: string | null, signal?: AbortSignal): Promise<Response> {
    return fetch(`${this.config.url}/api/v1${path}`, {
      headers: {
        authorization: `Bearer ${this.config.token}`,
        accept: "text/event-stream",
        ...(lastEventId ? { "last-event-id": lastEventId } : {}),
      },
      signal,
    });
  }

  private async parse<T>(response: Response): Promise<T> {
    const text = await response.text();
    const payload = text ? (JSON.parse(text) as unknown) : null;
    if (!response.ok) {
      const error = payload as { code?: string; message?: string } | null;
      throw new ApiError(
        response.status,
        error?.code ?? String(response.status),
        error?.message ?? response.statusText,
      );
    }
    return payload as T;
  }

  /** A workspace given by name or id → its id. */
  async workspaceId(nameOrId: string | null): Promise<string> {
    if (!nameOrId)
      throw new ApiError(
        0,
        "BAD_REQUEST",
        "No workspace: pass --workspace, set CRUCIBLE_WORKSPACE, or `crucible login --workspace NAME`",
      );
    const workspaces = await this.request<{ id: string; name: string }[]>("GET", "/workspaces");
    const found = workspaces.find((w) => w.id === nameOrId || w.name === nameOrId);
    if (!found)
      throw new ApiError(
        404,
        "NOT_FOUND",
        `No workspace '${nameOrId}' among yours (${workspaces.map((w) => w.name).join(", ") || "none"})`,
      );
    return found.id;
  }
}
