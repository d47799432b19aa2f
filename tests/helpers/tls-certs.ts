import { execSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";

/** A throwaway CA with a server certificate for 127.0.0.1 and a client certificate, made with openssl. */
export function makeTlsCertificates(dir: string) {
  mkdirSync(dir, { recursive: true });
  const run = (command: string) => execSync(command, { cwd: dir, stdio: "ignore" });
  run("openssl req -x509 -newkey rsa:2048 -nodes -keyout ca-key.pem -out ca.pem -days 1 -subj /CN=crucible-test-ca");
  writeFileSync(`${dir}/server.cnf`, "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
  run("openssl req -newkey rsa:2048 -nodes -keyout server-key.pem -out server.csr -subj /CN=127.0.0.1");
  run(
    "openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out server-cert.pem -days 1 -extfile server.cnf",
  );
  writeFileSync(`${dir}/client.cnf`, "extendedKeyUsage=clientAuth\n");
  run("openssl req -newkey rsa:2048 -nodes -keyout client-key.pem -out client.csr -subj /CN=crucible-client");
  run(
    "openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out client-cert.pem -days 1 -extfile client.cnf",
  );
  const read = (file: string) => readFileSync(`${dir}/${file}`, "utf8");
  return {
    server: { caFile: `${dir}/ca.pem`, certFile: `${dir}/server-cert.pem`, keyFile: `${dir}/server-key.pem` },
    client: { ca: read("ca.pem"), cert: read("client-cert.pem"), key: read("client-key.pem") },
  };
}
