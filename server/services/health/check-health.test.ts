import { expect, it, vi } from "vitest";
import { checkHealth } from "./check-health";

it("says the database is unreachable without the driver's message", async () => {
  const log = vi.spyOn(console, "error").mockImplementation(() => {});
  const health = await checkHealth(() =>
    Promise.reject(new Error('connect ECONNREFUSED 10.1.2.3:5432 (user "crucible_admin")')),
  );
  expect(health).toEqual({ status: "error", message: "database unreachable" });
  expect(log).toHaveBeenCalled();
  log.mockRestore();
});

it("is ok when the database answers", async () => {
  expect(await checkHealth()).toEqual({ status: "ok" });
});
