import { z } from "zod";

const ZHostStatus = z.enum(["Online", "Draining", "Offline"]);

/** A host as a workspace sees it (shared with it): no endpoint, no credentials, only its own runs by name. */
export const ZSharedHost = z.object({
  id: z.string(),
  name: z.string(),
  labels: z.record(z.string(), z.string()),
  maxConcurrentRuns: z.number(),
  networkMode: z.string(),
  /** Image builds run RUN lines as root (with no capabilities) here, not as the job's user. */
  runStepsAsRoot: z.boolean(),
  defaultCpu: z.number(),
  defaultMemoryBytes: z.number(),
  status: ZHostStatus,
  lastSeenAt: z.date().nullable(),
  lastError: z.string().nullable(),
  engineVersion: z.string().nullable(),
  capacity: z.object({ cpus: z.number().nullable(), memoryBytes: z.number().nullable(), gpus: z.number() }),
  used: z.object({
    runs: z.number(),
    /** Online endpoint instances: they hold CPU and memory but no run slot. */
    instances: z.number(),
    cpus: z.number(),
    memoryBytes: z.number(),
    gpus: z.number(),
  }),
  runs: z.array(
    z.object({
      id: z.string(),
      workspaceId: z.string(),
      displayName: z.string(),
      status: z.string(),
      startedAt: z.date().nullable(),
    }),
  ),
  createdAt: z.date(),
});

/** A host as the site's admins see it. */
export const ZSiteHost = ZSharedHost.extend({
  endpoint: z.string(),
  hasTls: z.boolean(),
  hasSshKey: z.boolean(),
  sshHostKey: z.string().nullable(),
  sharedWith: z.array(z.object({ id: z.string(), name: z.string() })),
});

export const ZTarget = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  selector: z.record(z.string(), z.string()),
  priority: z.number(),
  maxConcurrentRuns: z.number().nullable(),
  hostNames: z.array(z.string()),
  createdAt: z.date(),
});

export const ZProbe = z.object({
  isOnline: z.boolean(),
  engineVersion: z.string().optional(),
  cpus: z.number().optional(),
  memoryBytes: z.number().optional(),
  gpus: z.number().optional(),
  runtimes: z.array(z.string()).optional(),
  sshHostKey: z.string().optional(),
  error: z.string().optional(),
});
