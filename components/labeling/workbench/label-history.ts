/** Undo/redo over whole values: every edit pushes the value before it. */
export type THistory<T> = { past: T[]; present: T; future: T[] };

export type THistoryAction<T> =
  { type: "edit"; next: T } | { type: "undo" } | { type: "redo" } | { type: "reset"; present: T };

/** Past edits kept per item; enough for long work on one image without growing forever. */
const LIMIT = 500;

export function labelHistory<T>(state: THistory<T>, action: THistoryAction<T>): THistory<T> {
  switch (action.type) {
    case "edit":
      if (Object.is(action.next, state.present)) return state;
      return { past: [...state.past, state.present].slice(-LIMIT), present: action.next, future: [] };
    case "undo": {
      const previous = state.past.at(-1);
      if (previous === undefined) return state;
      return { past: state.past.slice(0, -1), present: previous, future: [state.present, ...state.future] };
    }
    case "redo": {
      const [next, ...rest] = state.future;
      if (next === undefined) return state;
      return { past: [...state.past, state.present], present: next, future: rest };
    }
    case "reset":
      return { past: [], present: action.present, future: [] };
  }
}
