import Docker from "dockerode";

export const LOCAL_DOCKER = "unix:///var/run/docker.sock";

/** Docker tests run for real; outside CI they skip when no engine answers, in CI that is an error. */
export async function isDockerAvailable(): Promise<boolean> {
  try {
    await new Docker({ socketPath: "/var/run/docker.sock" }).ping();
    return true;
  } catch (error) {
    if (process.env.CI)
      throw new Error(
        `CI must run the Docker tests, but no engine answers on /var/run/docker.sock: ${(error as Error).message}`,
        { cause: error },
      );
    return false;
  }
}
