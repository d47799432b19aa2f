import { describe, expect, it } from "vitest";
import { parseDockerfileSteps } from "./dockerfile-steps";
import { environmentHash, ZEnvironmentSpec } from "./environment-spec";

describe("dockerfile_steps", () => {
  it("takes RUN in shell and exec form, and ENV, WORKDIR and LABEL as image changes, in order", () => {
    const steps = parseDockerfileSteps(
      '# a comment\nrun echo a \\\n  && echo b\nENV FOO=bar BAZ="q x"\nWORKDIR /opt/w\nLABEL team=ml\nRUN ["python3", "-V"]\n',
    );
    expect(steps).toEqual([
      { kind: "run", command: ["/bin/sh", "-c", "echo a   && echo b"], text: "RUN echo a   && echo b" },
      { kind: "change", change: 'ENV FOO=bar BAZ="q x"', text: 'ENV FOO=bar BAZ="q x"' },
      { kind: "change", change: "WORKDIR /opt/w", text: "WORKDIR /opt/w" },
      { kind: "change", change: "LABEL team=ml", text: "LABEL team=ml" },
      { kind: "run", command: ["python3", "-V"], text: 'RUN ["python3", "-V"]' },
    ]);
    expect(parseDockerfileSteps("")).toEqual([]);
  });

  it("refuses what needs a build context or changes how jobs run, naming the line", () => {
    expect(() => parseDockerfileSteps("RUN true\nCOPY x /x")).toThrow(
      /^dockerfile_steps line 2: COPY is not supported; dockerfile_steps may use RUN, ENV, WORKDIR and LABEL/,
    );
    for (const refused of ["ADD x /x", "FROM debian", "USER root", "ENTRYPOINT x", "CMD x", "ARG A=1", "VOLUME /v"])
      expect(() => parseDockerfileSteps(refused), refused).toThrow(/is not supported/);
    expect(() => parseDockerfileSteps("RUN --mount=type=cache,target=/x true")).toThrow(/RUN flags/);
    expect(() => parseDockerfileSteps("RUN <<EOF\necho x\nEOF")).toThrow(/heredoc/);
    expect(() => parseDockerfileSteps("LABEL crucible.build=x")).toThrow(/Crucible's own/);
    expect(() => parseDockerfileSteps("RUN")).toThrow(/needs arguments/);
  });

  it("refuses them when the environment is created, and keeps the hash of specs that parse", () => {
    const parsed = ZEnvironmentSpec.safeParse({ dockerfile_steps: "COPY . /app" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ["dockerfile_steps"] });
    // The hash of a spec from before steps were parsed, so images built then are still found.
    expect(environmentHash(ZEnvironmentSpec.parse({ dockerfile_steps: "RUN true" }))).toBe(
      "e0aec764bd26011f62dfb3a7334a1f5230162f63d2c46067f682794d7bec12b0",
    );
  });
});
