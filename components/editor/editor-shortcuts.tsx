"use client";

import { useState } from "react";
import { useHotkeys } from "react-hotkeys-hook";
import { Dialog } from "@/components/ui/dialog";
import { Button } from "@/components/ui/button";
import { useSceneView } from "./board-view";

/**
 * The editor's keyboard shortcuts and their `?` cheat sheet. Single keys (J, K, N, V, ?) never fire while typing in
 * a text field (react-hotkeys-hook ignores form fields unless told otherwise); Ctrl/Cmd combinations (save, undo,
 * redo: handled by the story editor and use-editor-history.ts) work everywhere. Nothing fires while a dialog is open.
 */
export const SHORTCUTS: { keys: string[]; what: string }[] = [
  { keys: ["Ctrl", "S"], what: "Save (⌘ S on a Mac)" },
  { keys: ["Ctrl", "Z"], what: "Undo (outside a text field; inside one, the field's own undo)" },
  { keys: ["Ctrl", "Shift", "Z"], what: "Redo (also Ctrl Y)" },
  { keys: ["J"], what: "Next scene" },
  { keys: ["K"], what: "Previous scene" },
  { keys: ["N"], what: "Add a scene" },
  { keys: ["V"], what: "Switch between board and detailed view" },
  { keys: ["?"], what: "Show these shortcuts" },
];

const SCENE_ITEM = /^(Scene|Frame) \d+/;

function sceneItems(): HTMLElement[] {
  return Array.from(document.querySelectorAll<HTMLElement>("#scenes li[aria-label]")).filter((li) =>
    SCENE_ITEM.test(li.getAttribute("aria-label") ?? ""),
  );
}

/** Moves the focus to the next (+1) or previous (-1) scene card or frame, from the one holding the focus. */
function moveScene(step: 1 | -1) {
  const items = sceneItems();
  if (items.length === 0) return;
  const at = items.findIndex((li) => li.contains(document.activeElement));
  const next = at < 0 ? (step === 1 ? 0 : items.length - 1) : Math.min(items.length - 1, Math.max(0, at + step));
  const el = items[next];
  if (!el.hasAttribute("tabindex")) el.tabIndex = -1;
  el.focus({ preventScroll: true });
  el.scrollIntoView({ block: "center", behavior: "smooth" });
}

function addScene() {
  const button = Array.from(document.querySelectorAll<HTMLButtonElement>("#scenes button")).find(
    (b) => b.textContent?.trim() === "+ Add scene",
  );
  if (button && !button.disabled) button.click();
}

const noDialogOpen = () => !document.querySelector("dialog[open]");

export function EditorShortcuts() {
  const [open, setOpen] = useState(false);
  const [view, setView] = useSceneView();
  const opts = { enabled: noDialogOpen, preventDefault: true } as const;
  useHotkeys("j", () => moveScene(1), opts);
  useHotkeys("k", () => moveScene(-1), opts);
  useHotkeys("n", addScene, opts);
  useHotkeys("v", () => setView(view === "board" ? "detailed" : "board"), opts, [view, setView]);
  useHotkeys("?", () => setOpen(true), { ...opts, useKey: true });

  return (
    <>
      <div className="flex justify-end">
        <Button variant="ghost" size="sm" onClick={() => setOpen(true)} aria-keyshortcuts="?">
          Keyboard shortcuts <kbd className="ml-1 rounded border border-ink-200 px-1 text-xs">?</kbd>
        </Button>
      </div>
      <Dialog open={open} onClose={() => setOpen(false)} title="Keyboard shortcuts" description="Single keys work when you are not typing in a field.">
        <table className="w-full text-sm">
          <caption className="sr-only">Keyboard shortcuts</caption>
          <thead className="sr-only">
            <tr>
              <th scope="col">Keys</th>
              <th scope="col">What it does</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-ink-100">
            {SHORTCUTS.map((s) => (
              <tr key={s.what}>
                <td className="whitespace-nowrap py-1.5 pr-4">
                  {s.keys.map((k, i) => (
                    <span key={k}>
                      {i > 0 ? <span className="px-0.5 text-ink-500">+</span> : null}
                      <kbd className="rounded border border-ink-200 bg-ink-50 px-1.5 py-0.5 font-mono text-xs text-ink-800">{k}</kbd>
                    </span>
                  ))}
                </td>
                <td className="py-1.5 text-ink-700">{s.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="mt-4 flex justify-end">
          <Button variant="secondary" onClick={() => setOpen(false)}>
            Close
          </Button>
        </div>
      </Dialog>
    </>
  );
}
