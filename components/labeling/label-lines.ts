export type TLabelLine = { name: string; color?: string; hotkey?: string };

/**
 * Labels as typed in the create form, one per line: `name`, optionally followed by `#rrggbb` and
 * `key:x`, e.g. `cat #ff8800 key:c`. Blank lines are ignored; an error names the line.
 */
export function parseLabelLines(text: string): { labels: TLabelLine[]; error: string | null } {
  const labels: TLabelLine[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "") continue;
    const label: TLabelLine = { name: "" };
    const words: string[] = [];
    for (const word of line.split(/\s+/)) {
      if (/^#[0-9a-fA-F]{6}$/.test(word)) label.color = word.toLowerCase();
      else if (/^key:.$/.test(word)) label.hotkey = word.slice(4).toLowerCase();
      else if (word.startsWith("key:"))
        return { labels, error: `Line ${i + 1}: a key is one letter or digit, as key:c` };
      else words.push(word);
    }
    label.name = words.join(" ");
    if (label.name === "") return { labels, error: `Line ${i + 1}: a label needs a name` };
    labels.push(label);
  }
  return { labels, error: labels.length === 0 ? "Give at least one label" : null };
}

/** The lines a project's labels are edited as. */
export function labelLines(labels: readonly { name: string; color: string; hotkey: string | null }[]): string {
  return labels.map((l) => [l.name, l.color, l.hotkey ? `key:${l.hotkey}` : ""].filter(Boolean).join(" ")).join("\n");
}
