import { z } from "zod";
import { ZDockerEndpoint } from "../../docker/docker-endpoint";
import { ZResourceName } from "../resource-name";

export const ZComputeName = ZResourceName(64);

const ZLabelKey = z
  .string()
  .trim()
  .min(1)
  .max(63)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_./-]*$/, "Label keys use letters, digits, '.', '_', '/' and '-'");
export const ZLabels = z
  .record(ZLabelKey, z.string().max(63))
  .refine((labels) => Object.keys(labels).length <= 32, "At most 32 labels");

/** none: no network at all (the SDK logs through a file). host: the machine's own network, loopback included. */
export const ZNetworkMode = z.enum(["none", "host"]);

const GIB = 1024 ** 3;
/** What a job that asks for no CPU or memory gets on a host. */
export const ZDefaultCpu = z.number().min(0.1).max(1024);
export const ZDefaultMemoryBytes = z
  .number()
  .int()
  .min(64 * 1024 ** 2)
  .max(64 * 1024 * GIB);

export const ZEngineCredentials = z.object({
  endpoint: ZDockerEndpoint,
  tls: z
    .object({
      ca: z.string().max(20_000).optional(),
      cert: z.string().min(1).max(20_000),
      key: z.string().min(1).max(20_000),
    })
    .optional(),
  /** The private key (OpenSSH or PEM) an ssh:// endpoint needs. */
  sshKey: z.string().min(1).max(20_000).optional(),
  /** The ssh server's key fingerprint as `ssh-keygen -lf` prints it; unset: pinned on first contact. */
  sshHostKey: z
    .string()
    .regex(/^SHA256:[A-Za-z0-9+/]{43}$/, "Use the SHA256:… fingerprint that ssh-keygen -lf prints")
    .optional(),
});
export type TEngineCredentials = z.infer<typeof ZEngineCredentials>;

export const ZHostInput = ZEngineCredentials.extend({
  name: ZComputeName,
  labels: ZLabels.default({}),
  maxConcurrentRuns: z.number().int().min(1).max(256).default(4),
  networkMode: ZNetworkMode.default("none"),
  /** Image builds run an environment's RUN lines as root (with no capabilities) instead of the job's user. */
  runStepsAsRoot: z.boolean().default(false),
  defaultCpu: ZDefaultCpu.default(1),
  defaultMemoryBytes: ZDefaultMemoryBytes.default(2 * GIB),
  /** Workspaces (ids) to share the host with at once. */
  workspaceIds: z.array(z.string().min(1).max(100)).max(100).default([]),
});
export type THostInput = z.infer<typeof ZHostInput>;

export const ZHostUpdate = z.object({
  labels: ZLabels.optional(),
  maxConcurrentRuns: z.number().int().min(1).max(256).optional(),
  networkMode: ZNetworkMode.optional(),
  runStepsAsRoot: z.boolean().optional(),
  defaultCpu: ZDefaultCpu.optional(),
  defaultMemoryBytes: ZDefaultMemoryBytes.optional(),
  isDraining: z.boolean().optional(),
});
export type THostUpdate = z.infer<typeof ZHostUpdate>;

export const ZTargetInput = z.object({
  name: ZComputeName,
  description: z.string().max(2000).default(""),
  selector: ZLabels.default({}),
  priority: z.number().int().min(-100).max(100).default(0),
  maxConcurrentRuns: z.number().int().min(1).max(10_000).nullable().default(null),
});
export type TTargetInput = z.infer<typeof ZTargetInput>;
