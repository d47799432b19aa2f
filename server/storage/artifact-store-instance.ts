import path from "node:path";
import { env } from "../env";
import type { ArtifactStore } from "./artifact-store";
import { LocalArtifactStore } from "./local-artifact-store";

let store: ArtifactStore | undefined;

export function artifactStore(): ArtifactStore {
  store ??= new LocalArtifactStore(path.join(env().crucibleHome, "artifacts"));
  return store;
}
