/**
 * The editor's undo / redo history, pure (no React): a list of entries and a cursor.
 * A field edit is one entry (value at focus -> value at blur); a structural change (add, remove, duplicate, move,
 * rename with mentions, discard) is one entry holding the whole storyboard before and after.
 * Recording after an undo drops the redo branch; the history keeps at most `limit` entries.
 */
export type FieldEdit = { kind: "field"; label: string; path: string; before: string; after: string };
export type Snapshot<T> = { kind: "snapshot"; label: string; before: T; after: T };
export type HistoryEntry<T> = FieldEdit | Snapshot<T>;

export class UndoStack<T> {
  private entries: HistoryEntry<T>[] = [];
  /** How many entries are applied (entries[cursor - 1] is the one Undo reverts). */
  private cursor = 0;

  constructor(private readonly limit = 100) {}

  push(entry: HistoryEntry<T>): void {
    if (entry.kind === "field" && entry.before === entry.after) return;
    this.entries = this.entries.slice(0, this.cursor);
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    this.cursor = this.entries.length;
  }

  /** The entry to revert (its `before` is what to apply), or null. */
  undo(): HistoryEntry<T> | null {
    if (this.cursor === 0) return null;
    this.cursor -= 1;
    return this.entries[this.cursor];
  }

  /** The entry to apply again (its `after`), or null. */
  redo(): HistoryEntry<T> | null {
    if (this.cursor >= this.entries.length) return null;
    this.cursor += 1;
    return this.entries[this.cursor - 1];
  }

  /**
   * Takes back the latest entry if it is an edit of field `path` (so a change that completes it, e.g. updating the
   * mentions of a renamed element, becomes one step together with it).
   */
  takeLastFieldEdit(path: string): FieldEdit | null {
    const last = this.entries[this.cursor - 1];
    if (!last || last.kind !== "field" || last.path !== path) return null;
    this.entries = this.entries.slice(0, this.cursor - 1);
    this.cursor -= 1;
    return last;
  }

  get canUndo(): boolean {
    return this.cursor > 0;
  }
  get canRedo(): boolean {
    return this.cursor < this.entries.length;
  }
  /** Label of what Undo / Redo would do, e.g. "Remove scene 3". */
  get undoLabel(): string | null {
    return this.canUndo ? this.entries[this.cursor - 1].label : null;
  }
  get redoLabel(): string | null {
    return this.canRedo ? this.entries[this.cursor].label : null;
  }

  clear(): void {
    this.entries = [];
    this.cursor = 0;
  }
}
