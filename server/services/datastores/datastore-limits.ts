/** Every workspace's first datastore, named as in Azure ML: a local one on the studio's artifact folder. */
export const DEFAULT_DATASTORE_NAME = "workspaceblobstore";

/** How long a connection test may take before it reports a timeout. */
export const DATASTORE_TEST_TIMEOUT_MS = 10_000;
