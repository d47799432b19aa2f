/** An image build that failed because of its spec (a failing step, an unknown package): the user's error, never retried. */
export class BuildError extends Error {}
