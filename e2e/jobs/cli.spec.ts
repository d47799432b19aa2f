import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "../../playwright.config";
import { tokenFor } from "../fixtures/api";
import { runCli } from "../fixtures/cli";

test("the crucible CLI manages workspaces, compute, environments and jobs", async ({ request, baseURL }) => {
  test.setTimeout(180_000);
  const token = await tokenFor(request, E2E_ADMIN.email, E2E_ADMIN.password);
  const home = mkdtempSync(path.join(tmpdir(), "crucible-cli-"));
  // `login` writes the configuration the other commands read; the environment stays empty.
  const env = { HOME: home, CRUCIBLE_URL: "", CRUCIBLE_TOKEN: "", CRUCIBLE_WORKSPACE: "" };
  const cli = (...args: string[]) => runCli(args, env, home);

  expect((await cli("job", "list")).stderr).toMatch(/Not configured/);
  const name = `cli-${Date.now()}`;
  const login = await cli("login", "--url", baseURL!, "--token", token, "--workspace", name);
  expect(login.code, login.stderr).toBe(0);
  expect((await cli("workspace", "create", name)).stdout).toContain(`Created workspace ${name}`);
  expect((await cli("workspace", "list")).stdout).toMatch(new RegExp(`${name}\\s+\\S+\\s+Owner`));

  const bad = await cli("compute", "create", "--name", "x", "--docker-url", "http://nope");
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain("unix:///path/to/docker.sock");
  const created = await cli(
    "compute",
    "create",
    "--name",
    "box",
    "--docker-url",
    "unix:///var/run/docker.sock",
    "--label",
    "pool=cli",
    "--max-runs",
    "3",
    // The environment below writes to /etc in a RUN line.
    "--run-steps-as-root",
  );
  expect(created.code, created.stderr).toBe(0);
  expect(created.stdout).toMatch(/Registered host box: Online \(Docker \d/);
  expect((await cli("compute", "list")).stdout).toMatch(/box\s+Online\s+0\/3/);

  writeFileSync(
    path.join(home, "env.yml"),
    "name: cli-env\nimage: crucible-base:bookworm\ndockerfile_steps: RUN echo cli > /etc/cli-env\nenvironment_variables:\n  WHO: cli\n",
  );
  expect((await cli("environment", "create", "-f", "env.yml")).stdout).toMatch(
    /Created environment cli-env:1 \(hash [0-9a-f]{12}\)/,
  );
  expect((await cli("environment", "create", "-f", "env.yml")).stdout).toMatch(/Unchanged: environment cli-env:1/);
  expect((await cli("environment", "list")).stdout).toMatch(/cli-env\s+1\s+[0-9a-f]{12}/);

  writeFileSync(
    path.join(home, "job.yml"),
    "command: cat /etc/cli-env && echo $WHO && exit ${{inputs.code}}\nenvironment: cli-env:1\ncompute: box\nexperiment_name: cli\ninputs:\n  code: 3\n",
  );
  const failing = await cli("job", "create", "-f", "job.yml", "--stream");
  expect(failing.code).toBe(1);
  expect(failing.stdout).toMatch(/Run \S+ \(\S+\) queued\nStudio: http/);
  expect(failing.stdout).toContain("cli\ncli\n");
  expect(failing.stderr).toContain("Run Failed");
  const runId = /Run (\S+) /.exec(failing.stdout)![1]!;
  expect((await cli("job", "show", runId)).stdout).toMatch(
    /Failed[\s\S]*exit 3[\s\S]*reason: The command exited with code 3/,
  );
  expect((await cli("job", "list", "--experiment", "cli")).stdout).toContain(runId);
  expect((await cli("job", "logs", runId)).stdout).toContain("cli");

  writeFileSync(path.join(home, "long.yml"), "command: sleep 300\nenvironment: cli-env:1\ncompute: box\n");
  const long = await cli("job", "create", "-f", "long.yml", "--json");
  const longId = (JSON.parse(long.stdout) as { runId: string }).runId;
  expect((await cli("job", "cancel", longId)).stdout).toMatch(/Cancel(ed|ing)/);
  const followed = await cli("job", "logs", longId, "--follow");
  expect(followed.code).toBe(1);
  expect(followed.stderr).toContain("Run Canceled");
  expect((await cli("job", "cancel", longId)).stderr).toMatch(/CONFLICT.*already ended/);
});
