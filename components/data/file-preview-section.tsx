import { Section } from "../ui/section";
import { FilePreview } from "./file-preview";
import type { TFileSource } from "./file-source";

/** The preview of the file picked in a version's files browser, with a way to close it. */
export function FilePreviewSection({
  source,
  path,
  onClose,
}: {
  source: TFileSource;
  path: string;
  onClose: () => void;
}) {
  return (
    <Section
      title={`Preview of ${path}`}
      actions={
        <button
          type="button"
          className="text-sm text-slate-600 hover:underline"
          aria-label="Close preview"
          onClick={onClose}
        >
          Close
        </button>
      }
    >
      <FilePreview key={path} source={source} path={path} />
    </Section>
  );
}
