import "server-only";
import { pgPool, pipelinedClient } from "../db";

/**
 * A named prepared statement, for the few queries every API call or every logged batch runs. Each
 * connection parses and plans it once, where the ORM's raw queries are parsed, planned and mapped
 * on every call (a 10-point batch took 4.3 ms through the ORM). Short statements go over the
 * pipelined connections (see `pipelinedClient`); one that may take long, `mayTakeLong`, takes a
 * connection of the pool to itself. `text` must be a constant: the name stands for it on every
 * connection.
 */
export function preparedQuery<TRow>(name: string, text: string, { mayTakeLong = false } = {}) {
  return async (values: unknown[]): Promise<TRow[]> => {
    const result = await (mayTakeLong ? pgPool() : pipelinedClient()).query({ name, text, values });
    return result.rows as TRow[];
  };
}
