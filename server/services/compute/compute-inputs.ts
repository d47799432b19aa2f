import { z } from "zod";
import { ZDockerEndpoint } from "../../docker/docker-endpoint";
import { ZResourceName } from "../resource-name";

export const ZComputeName = ZResourceName(64);

const ZLabelKey = z.string().trim().min(1).max(63).regex(/^[A-Za-z0-9][A-Za-z0-9_./-]*$/, "Label keys use letters, digits, '.', '_', '/' and '-'");
export const ZLabels = z.record(ZLabelKey, z.string().max(63)).refine((labels) => Object.keys(labels).length <= 32, "At most 32 labels");

export const ZNetworkMode = z.enum(["host", "none"]);

export const ZHostInput = z.object({
  name: ZComputeName,
  endpoint: ZDockerEndpoint,
  labels: ZLabels.default({}),
  maxConcurrentRuns: z.number().int().min(1).max(256).default(4),
  networkMode: ZNetworkMode.default("host"),
  tls: z
    .object({ ca: z.string().max(20_000).optional(), cert: z.string().min(1).max(20_000), key: z.string().min(1).max(20_000) })
    .optional(),
  /** The private key (OpenSSH or PEM) for an ssh:// endpoint; else the ssh agent is used. */
  sshKey: z.string().min(1).max(20_000).optional(),
  /** The ssh server's key fingerprint as `ssh-keygen -lf` prints it; unset: pinned on first contact. */
  sshHostKey: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, "Use the SHA256:… fingerprint that ssh-keygen -lf prints").optional(),
});
export type THostInput = z.infer<typeof ZHostInput>;

export const ZTargetInput = z.object({
  name: ZComputeName,
  description: z.string().max(2000).default(""),
  selector: ZLabels.default({}),
  priority: z.number().int().min(-100).max(100).default(0),
  maxConcurrentRuns: z.number().int().min(1).max(10_000).nullable().default(null),
});
export type TTargetInput = z.infer<typeof ZTargetInput>;
