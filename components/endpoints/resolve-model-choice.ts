import type { TModelChoice } from "./model-ref-picker";

type TVersionLike = { version: number; isArchived: boolean };

/**
 * The version a choice names, as the server resolves it at deploy time: a number, an alias, or
 * `latest` (the highest version not archived). Null while the model's versions are not known.
 */
export function resolveModelChoice<T extends TVersionLike>(
  versions: readonly T[],
  aliases: readonly { alias: string; version: number }[],
  choice: TModelChoice,
): T | null {
  const live = versions.filter((v) => !v.isArchived);
  if (/^\d+$/.test(choice.version)) return versions.find((v) => v.version === Number(choice.version)) ?? null;
  if (choice.version === "latest")
    return live.reduce<T | null>((best, v) => (best === null || v.version > best.version ? v : best), null);
  const aliased = aliases.find((a) => a.alias === choice.version);
  return aliased ? (versions.find((v) => v.version === aliased.version) ?? null) : null;
}
