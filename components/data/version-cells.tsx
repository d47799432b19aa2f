import { formatTime } from "../runs/format";
import { TagList } from "./tag-list";

/** A version's description and tags, as a row of a versions table shows them. */
export function VersionNotesCell({ description, tags }: { description: string; tags: Record<string, string> }) {
  return (
    <td className="py-2 pr-3 text-xs">
      {description ? <p className="mb-1">{description}</p> : null}
      <TagList tags={tags} />
    </td>
  );
}

/** Who made a version and when. */
export function VersionCreatedCell({ name, at }: { name: string | null; at: Date | string }) {
  return (
    <td className="py-2 pr-3 text-xs text-slate-600">
      {name ?? "—"}
      <br />
      {formatTime(at)}
    </td>
  );
}
