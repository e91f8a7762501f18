import { describe, expect, it } from "vitest";
import { UndoStack } from "@/components/editor/undo-stack";

const field = (after: string, before = "") => ({ kind: "field" as const, label: "Edit", path: "scenes.0.narrator", before, after });
const snap = (label: string, before: number, after: number) => ({ kind: "snapshot" as const, label, before, after });

describe("undo stack", () => {
  it("undoes and redoes in order, then nothing more", () => {
    const s = new UndoStack<number>();
    s.push(snap("Add scene", 1, 2));
    s.push(field("hello"));
    expect(s.undoLabel).toBe("Edit");
    expect(s.undo()).toMatchObject({ kind: "field", before: "" });
    expect(s.undo()).toMatchObject({ label: "Add scene", before: 1 });
    expect(s.undo()).toBeNull();
    expect(s.canUndo).toBe(false);
    expect(s.redo()).toMatchObject({ label: "Add scene", after: 2 });
    expect(s.redo()).toMatchObject({ kind: "field", after: "hello" });
    expect(s.redo()).toBeNull();
  });

  it("a new change after undo drops what could be redone (changing your mind twice loses nothing recorded before)", () => {
    const s = new UndoStack<number>();
    s.push(snap("Remove scene 2", 1, 2));
    s.push(snap("Move scene 1 down", 2, 3));
    s.undo();
    s.push(snap("Duplicate scene 1", 2, 4));
    expect(s.canRedo).toBe(false);
    expect(s.undo()).toMatchObject({ label: "Duplicate scene 1" });
    expect(s.undo()).toMatchObject({ label: "Remove scene 2" });
  });

  it("ignores field edits that changed nothing and keeps at most `limit` entries", () => {
    const s = new UndoStack<number>(3);
    s.push(field("same", "same"));
    expect(s.canUndo).toBe(false);
    for (let i = 0; i < 5; i++) s.push(snap(`Change ${i}`, i, i + 1));
    expect(s.undo()).toMatchObject({ label: "Change 4" });
    expect(s.undo()).toMatchObject({ label: "Change 3" });
    expect(s.undo()).toMatchObject({ label: "Change 2" });
    expect(s.undo()).toBeNull();
  });

  it("a rename and the update of its mentions become one step", () => {
    const s = new UndoStack<number>();
    s.push(field("Ava", "Ada"));
    expect(s.takeLastFieldEdit("scenes.1.name")).toBeNull();
    expect(s.takeLastFieldEdit("scenes.0.narrator")).toMatchObject({ before: "Ada", after: "Ava" });
    expect(s.canUndo).toBe(false);
  });
});
