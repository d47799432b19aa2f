import type { DataProfile } from "../../generated/prisma/client";
import { ZDataProfileResult, type TDataProfileView } from "./data-profile-result";

export function dataProfileView(p: DataProfile): TDataProfileView {
  return {
    status: p.status,
    progress: p.progress,
    result: p.result === null ? null : ZDataProfileResult.parse(p.result),
    error: p.error,
    createdAt: p.createdAt,
    startedAt: p.startedAt,
    finishedAt: p.finishedAt,
  };
}
