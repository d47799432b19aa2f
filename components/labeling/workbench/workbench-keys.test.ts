import { describe, expect, it } from "vitest";
import { isTypingTarget, keyAction } from "./workbench-keys";

const labels = [
  { name: "car", color: "#000000", hotkey: "1" },
  { name: "person", color: "#ffffff", hotkey: "2" },
  { name: "house", color: "#ffffff", hotkey: "h" },
];
const press = (
  key: string,
  mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {},
) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});
const drawing = { labels, tools: ["select", "pan", "rect", "polygon"] as const, hasCaret: false };

describe("labeling keys", () => {
  it("maps the shortcuts of the anchors", () => {
    expect(keyAction(press("Enter", { ctrlKey: true }), drawing)).toEqual({ type: "submit" });
    expect(keyAction(press("Enter", { metaKey: true }), drawing)).toEqual({ type: "submit" });
    expect(keyAction(press("z", { ctrlKey: true }), drawing)).toEqual({ type: "undo" });
    expect(keyAction(press("Z", { ctrlKey: true, shiftKey: true }), drawing)).toEqual({ type: "redo" });
    expect(keyAction(press("y", { ctrlKey: true }), drawing)).toEqual({ type: "redo" });
    expect(keyAction(press("=", { ctrlKey: true }), drawing)).toEqual({ type: "zoom", direction: 1 });
    expect(keyAction(press("2"), drawing)).toEqual({ type: "label", name: "person" });
    expect(keyAction(press("r"), drawing)).toEqual({ type: "tool", tool: "rect" });
    expect(keyAction(press("Backspace"), drawing)).toEqual({ type: "delete" });
    expect(keyAction(press("a"), drawing)).toEqual({ type: "accept" });
  });

  it("lets a label's key win over a tool's and leaves tools out where there are none", () => {
    expect(keyAction(press("h"), drawing)).toEqual({ type: "label", name: "house" });
    expect(keyAction(press("r"), { labels, tools: [], hasCaret: false })).toBeNull();
    expect(keyAction(press("1", { ctrlKey: true }), drawing)).toBeNull();
  });

  it("moves the caret only in entity tasks, by word with alt or ctrl", () => {
    expect(keyAction(press("ArrowLeft"), drawing)).toBeNull();
    const text = { labels, tools: [], hasCaret: true };
    expect(keyAction(press("ArrowRight", { shiftKey: true, altKey: true }), text)).toEqual({
      type: "caret",
      key: "ArrowRight",
      shiftKey: true,
      byWord: true,
    });
  });

  it("knows when a key is typed into a field", () => {
    expect(isTypingTarget({ tagName: "TEXTAREA", isContentEditable: false } as unknown as EventTarget)).toBe(true);
    expect(isTypingTarget({ tagName: "DIV", isContentEditable: false } as unknown as EventTarget)).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
