"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import type { UseFormReturn } from "react-hook-form";
import { toast } from "@/lib/toast";
import type { Storyboard } from "@/lib/validation/storyboard";
import { UndoStack, type HistoryEntry } from "./undo-stack";

/**
 * Undo / redo for the whole editor, on top of the one react-hook-form (stack-notes "Undo / redo"):
 * - a field edit is recorded as value at focus -> value at blur (focusin / focusout on the form); inside a focused
 *   text field Ctrl/Cmd+Z stays the browser's own undo;
 * - a structural change goes through `change(label, fn)`: the whole form before and after, applied back with
 *   `reset(snapshot, { keepDefaultValues: true })`.
 * `onApplied` runs after an undo / redo writes the form (the document hook recomputes "unsaved" and the draft).
 */
type Form = UseFormReturn<Storyboard>;
type ChangeOptions = {
  toast?: string;
  /** One step with the latest edit of this field (e.g. an element's name, then updating its mentions). */
  withFieldEdit?: string;
};
export type EditorChange = <R>(label: string, fn: () => R, options?: ChangeOptions) => R;

const clone = (v: Storyboard): Storyboard => structuredClone(v);

function isTextField(el: EventTarget | null): el is HTMLInputElement | HTMLTextAreaElement {
  if (el instanceof HTMLTextAreaElement) return true;
  return el instanceof HTMLInputElement && !["button", "checkbox", "radio", "submit", "file", "range", "color"].includes(el.type);
}

function setPath(board: Storyboard, path: string, value: string) {
  const keys = path.split(".");
  const last = keys.pop()!;
  const target = keys.reduce<Record<string, unknown>>((o, k) => o[k] as Record<string, unknown>, board as unknown as Record<string, unknown>);
  if (target) target[last] = value;
}

function flagsOf(s: UndoStack<Storyboard>) {
  return { canUndo: s.canUndo, canRedo: s.canRedo, undoLabel: s.undoLabel, redoLabel: s.redoLabel };
}

export function useEditorHistory(form: Form, onApplied: () => void) {
  const stack = useRef(new UndoStack<Storyboard>());
  const [flags, setFlags] = useState({ canUndo: false, canRedo: false, undoLabel: null as string | null, redoLabel: null as string | null });
  const refresh = useCallback(() => setFlags(flagsOf(stack.current)), []);
  const focusValue = useRef<{ name: string; value: string } | null>(null);

  const apply = useCallback(
    (entry: HistoryEntry<Storyboard>, direction: "undo" | "redo") => {
      if (entry.kind === "field") {
        form.setValue(entry.path as never, (direction === "undo" ? entry.before : entry.after) as never, { shouldDirty: false });
      } else {
        form.reset(clone(direction === "undo" ? entry.before : entry.after), { keepDefaultValues: true });
      }
      onApplied();
      refresh();
    },
    [form, onApplied, refresh],
  );

  const undo = useCallback(() => {
    const entry = stack.current.undo();
    if (entry) apply(entry, "undo");
    return entry;
  }, [apply]);
  const redo = useCallback(() => {
    const entry = stack.current.redo();
    if (entry) apply(entry, "redo");
    return entry;
  }, [apply]);

  const change: EditorChange = useCallback(
    (label, fn, options) => {
      const before = clone(form.getValues());
      const edit = options?.withFieldEdit ? stack.current.takeLastFieldEdit(options.withFieldEdit) : null;
      if (edit) setPath(before, edit.path, edit.before);
      const result = fn();
      const entry = { kind: "snapshot" as const, label, before, after: clone(form.getValues()) };
      stack.current.push(entry);
      refresh();
      if (options?.toast) {
        toast(options.toast, {
          action: {
            label: "Undo",
            onClick: () => {
              // Only while it is still the latest change; otherwise the toolbar's Undo walks back step by step.
              if (stack.current.undoLabel === label) undo();
              else toast.info("Use Undo above to step back through later changes first.");
            },
          },
        });
      }
      return result;
    },
    [form, undo, refresh],
  );

  /** The form's focus handlers: a field's value at focus and at blur make one entry. */
  const onFocus = useCallback(
    (e: React.FocusEvent) => {
      const el = e.target;
      if (isTextField(el) && el.name) focusValue.current = { name: el.name, value: el.value };
    },
    [],
  );
  const onBlur = useCallback((e: React.FocusEvent) => {
    const el = e.target;
    const at = focusValue.current;
    if (!isTextField(el) || !at || at.name !== el.name) return;
    focusValue.current = null;
    if (el.value === at.value) return;
    const label = el.labels?.[0]?.textContent?.trim() || el.name;
    stack.current.push({ kind: "field", label: `Edit ${label.toLowerCase()}`, path: el.name, before: at.value, after: el.value });
    refresh();
  }, [refresh]);

  /** Forget the history (e.g. after loading someone else's version). */
  const clear = useCallback(() => {
    stack.current.clear();
    refresh();
  }, [refresh]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      const wantsUndo = key === "z" && !e.shiftKey;
      const wantsRedo = (key === "z" && e.shiftKey) || key === "y";
      if (!wantsUndo && !wantsRedo) return;
      // Inside a focused text field the browser's own undo applies.
      if (isTextField(document.activeElement) || (document.activeElement as HTMLElement | null)?.isContentEditable) return;
      e.preventDefault();
      if (wantsUndo) undo();
      else redo();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [undo, redo]);

  return useMemo(() => ({ change, undo, redo, clear, onFocus, onBlur, ...flags }), [change, undo, redo, clear, onFocus, onBlur, flags]);
}

/** Structural changes of lists (scenes, elements) go through the editor's history when there is one. */
export type EditorTools = { change: EditorChange; getValues: Form["getValues"] | null; setValue: Form["setValue"] | null };
const passThrough: EditorTools = { change: (_label, fn) => fn(), getValues: null, setValue: null };
export const EditorToolsContext = createContext<EditorTools>(passThrough);
export const useEditorTools = () => useContext(EditorToolsContext);
