import { describe, expect, it } from "vitest";
import { endpointRefusal, isLoopbackAddress, parseDockerEndpoint, type TDockerEndpoint } from "./docker-endpoint";

const parse = (value: string) => parseDockerEndpoint(value) as TDockerEndpoint;
const none = { hasTls: false, hasSshKey: false };
const admin = { isAdmin: true };
const strict = { allowPlainTcpLoopback: false };
const loose = { allowPlainTcpLoopback: true };

describe("endpoint policy", () => {
  it("lets only admins use a unix socket", () => {
    expect(endpointRefusal(parse("unix:///var/run/docker.sock"), none, { isAdmin: false }, loose)).toMatch(
      /site administrator/,
    );
    expect(endpointRefusal(parse("unix:///var/run/docker.sock"), none, admin, strict)).toBeNull();
  });

  it("needs TLS for tcp, except on loopback addresses when the site allows it", () => {
    expect(endpointRefusal(parse("tcp://10.0.0.7:9200"), none, admin, loose)).toMatch(/needs TLS/);
    expect(endpointRefusal(parse("tcp://169.254.169.254:80"), none, admin, loose)).toMatch(/needs TLS/);
    expect(endpointRefusal(parse("tcp://localhost:2375"), none, admin, loose)).toMatch(/needs TLS/);
    expect(endpointRefusal(parse("tcp://127.0.0.1:2375"), none, admin, strict)).toMatch(/admin setting/);
    expect(endpointRefusal(parse("tcp://127.0.0.1:2375"), none, admin, loose)).toBeNull();
    expect(endpointRefusal(parse("tcp://127.8.0.3:2375"), none, admin, loose)).toBeNull();
    expect(endpointRefusal(parse("tcp://[::1]:2375"), none, admin, loose)).toBeNull();
    expect(endpointRefusal(parse("tcp://10.0.0.7:2376"), { hasTls: true, hasSshKey: false }, admin, strict)).toBeNull();
  });

  it("needs a private key for ssh, never the server's agent", () => {
    expect(endpointRefusal(parse("ssh://deploy@build-box.internal"), none, admin, loose)).toMatch(/private key/);
    expect(
      endpointRefusal(parse("ssh://deploy@build-box.internal"), { hasTls: false, hasSshKey: true }, admin, strict),
    ).toBeNull();
  });

  it("knows loopback addresses by their digits only", () => {
    expect(["127.0.0.1", "127.255.0.1", "::1", "0:0:0:0:0:0:0:1"].map(isLoopbackAddress)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(["128.0.0.1", "localhost", "::2", "10.127.0.1", "::ffff:10.0.0.1"].map(isLoopbackAddress)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
