import type { TWorkbenchLabel } from "./workbench-types";

export type TTool = "select" | "pan" | "rect" | "polygon";

export type TKeyAction =
  | { type: "submit" }
  | { type: "undo" }
  | { type: "redo" }
  | { type: "zoom"; direction: 1 | -1 }
  | { type: "tool"; tool: TTool }
  | { type: "label"; name: string }
  | { type: "delete" }
  | { type: "accept" }
  | { type: "close" }
  | { type: "cancel" }
  | { type: "caret"; key: string; shiftKey: boolean; byWord: boolean }
  | { type: "help" };

export type TKeyEvent = { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean };

const TOOL_KEYS: Record<string, TTool> = { v: "select", h: "pan", r: "rect", p: "polygon" };

/**
 * What a key press means on the labeling page, or null for keys it leaves to the browser. Tools
 * exist only for drawing tasks and the caret only for entity tasks; a label's own key wins over a
 * tool's where both are one letter.
 */
export function keyAction(
  event: TKeyEvent,
  context: { labels: readonly TWorkbenchLabel[]; tools: readonly TTool[]; hasCaret: boolean },
): TKeyAction | null {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (mod && key === "Enter") return { type: "submit" };
  if (mod && key === "z") return { type: event.shiftKey ? "redo" : "undo" };
  if (mod && key === "y") return { type: "redo" };
  if (mod && (key === "=" || key === "+")) return { type: "zoom", direction: 1 };
  if (mod && (key === "-" || key === "_")) return { type: "zoom", direction: -1 };
  if (context.hasCaret && (key === "ArrowLeft" || key === "ArrowRight"))
    return { type: "caret", key, shiftKey: event.shiftKey, byWord: event.altKey || mod };
  if (mod || event.altKey) return null;
  if (key === "Backspace" || key === "Delete") return { type: "delete" };
  if (key === "Escape") return { type: "cancel" };
  if (key === "Enter") return { type: "close" };
  if (key === "?") return { type: "help" };
  const label = context.labels.find((l) => l.hotkey === key);
  if (label) return { type: "label", name: label.name };
  const tool = TOOL_KEYS[key];
  if (tool && context.tools.includes(tool)) return { type: "tool", tool };
  if (key === "a") return { type: "accept" };
  return null;
}

/** Typing in a field keeps its keys: shortcuts are off while focus is in an input. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== "string") return false;
  const element = target as HTMLElement;
  return ["INPUT", "TEXTAREA", "SELECT"].includes(element.tagName) || element.isContentEditable;
}
