/** A folder, drawn: the studio ships no emoji font, and machines without one show a box. */
export function FolderIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="mr-1 inline h-4 w-4 align-[-2px]" fill="currentColor">
      <path d="M1.5 3A1.5 1.5 0 0 1 3 1.5h3.4l1.5 1.5H13A1.5 1.5 0 0 1 14.5 4.5v8A1.5 1.5 0 0 1 13 14H3a1.5 1.5 0 0 1-1.5-1.5V3z" />
    </svg>
  );
}
