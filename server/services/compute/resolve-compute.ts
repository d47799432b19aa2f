import type { Prisma } from "../../generated/prisma/client";
import { db } from "../../db";
import { AppError } from "../../errors";

export type TResolvedCompute = {
  targetId: string | null;
  selector: Record<string, string>;
  priority: number;
  name: string;
};

/** A job's `compute:` names a compute target, or a single host shared with the workspace (as if a target selected only it). */
export async function resolveCompute(
  workspaceId: string,
  name: string,
  tx: Prisma.TransactionClient = db(),
): Promise<TResolvedCompute> {
  const target = await tx.computeTarget.findFirst({ where: { workspaceId, name } });
  if (target)
    return {
      targetId: target.id,
      selector: target.selector as Record<string, string>,
      priority: target.priority,
      name,
    };
  const host = await tx.computeHost.findFirst({ where: { name, shares: { some: { workspaceId } } } });
  if (host) return { targetId: null, selector: { host: host.name }, priority: 0, name };
  throw new AppError("BAD_REQUEST", `compute: no compute target or shared host named '${name}' in this workspace`);
}
