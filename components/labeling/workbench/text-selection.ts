/** A keyboard or mouse selection in a text, as character offsets; anchor stays, focus moves. */
export type TTextSelection = { anchor: number; focus: number };

export type TCaretKey = { key: string; shiftKey: boolean; byWord: boolean };

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}_]/u.test(c);

/** The next word boundary from `at` in a direction: past any spaces and punctuation, then the word. */
export function wordBoundary(text: string, at: number, direction: 1 | -1): number {
  let i = at;
  if (direction > 0) {
    while (i < text.length && !isWordChar(text[i])) i++;
    while (i < text.length && isWordChar(text[i])) i++;
  } else {
    while (i > 0 && !isWordChar(text[i - 1])) i--;
    while (i > 0 && isWordChar(text[i - 1])) i--;
  }
  return i;
}

/**
 * The selection after an arrow key: ←/→ move the caret a character, alt or ctrl by a word, and with
 * shift they extend the selection instead. A collapsing arrow lands on that side of the selection.
 */
export function moveTextSelection(
  text: string,
  selection: TTextSelection | null,
  key: TCaretKey,
): TTextSelection | null {
  const direction = key.key === "ArrowRight" ? 1 : key.key === "ArrowLeft" ? -1 : 0;
  if (direction === 0) return selection;
  if (!selection) return { anchor: 0, focus: 0 };
  const { anchor, focus } = selection;
  if (!key.shiftKey && anchor !== focus && !key.byWord) {
    const edge = direction > 0 ? Math.max(anchor, focus) : Math.min(anchor, focus);
    return { anchor: edge, focus: edge };
  }
  const moved = key.byWord
    ? wordBoundary(text, focus, direction)
    : Math.min(text.length, Math.max(0, focus + direction));
  return key.shiftKey ? { anchor, focus: moved } : { anchor: moved, focus: moved };
}

export function selectionRange(selection: TTextSelection): { start: number; end: number } {
  return { start: Math.min(selection.anchor, selection.focus), end: Math.max(selection.anchor, selection.focus) };
}
