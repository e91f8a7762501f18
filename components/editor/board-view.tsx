"use client";

import { memo, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { useFieldArray, useWatch, type Control, type FieldErrors, type UseFormRegister } from "react-hook-form";
import type { Storyboard } from "@/lib/validation/storyboard";
import type { SceneVideo } from "@/lib/stories/stages";
import { duplicateScene, newScene } from "@/lib/stories/model";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { cn } from "@/lib/cn";
import { fieldError } from "./field-error";
import { ImagePreview } from "./media-preview";
import { useImageOutOfDate } from "./image-upload";
import { SceneTextFields } from "./scene-fields";
import { SceneHeading } from "./scene-heading";
import { LazySortable, useLazySortable } from "./lazy-sortable";
import { useEditorTools } from "./use-editor-history";
import { parseSceneView, SCENE_VIEW_COOKIE, type SceneView } from "./scene-view";

export type { SceneView };

/**
 * Which view of the scenes the creator prefers: remembered in this browser (localStorage) and in a cookie, so the
 * server renders the same view (otherwise a board page is rendered and hydrated as the detailed list first, then
 * swapped: 200 cards built and thrown away before the board shows).
 */
const VIEW_KEY = "storyboard-studio:scene-view";
const viewListeners = new Set<() => void>();
const rememberInCookie = (v: SceneView) => {
  document.cookie = `${SCENE_VIEW_COOKIE}=${v}; path=/; max-age=31536000; samesite=lax`;
};
function readView(fallback: SceneView): SceneView {
  try {
    const stored = localStorage.getItem(VIEW_KEY);
    return stored ? parseSceneView(stored) : fallback;
  } catch {
    return fallback;
  }
}
export function useSceneView(initial: SceneView = "detailed"): [SceneView, (v: SceneView) => void] {
  const view = useSyncExternalStore(
    (l) => {
      viewListeners.add(l);
      window.addEventListener("storage", l);
      return () => {
        viewListeners.delete(l);
        window.removeEventListener("storage", l);
      };
    },
    () => readView(initial),
    () => initial,
  );
  const set = useCallback((v: SceneView) => {
    try {
      localStorage.setItem(VIEW_KEY, v);
    } catch {
      /* private mode: not remembered */
    }
    rememberInCookie(v);
    viewListeners.forEach((l) => l());
  }, []);
  // A choice remembered only in this browser's storage (from before the cookie): the next visit renders it directly.
  useEffect(() => {
    if (view !== initial) rememberInCookie(view);
  }, [view, initial]);
  return [view, set];
}

export function SceneViewToggle({ view, onChange }: { view: SceneView; onChange: (v: SceneView) => void }) {
  return (
    <div role="group" aria-label="Scene view" className="inline-flex rounded-lg bg-ink-100 p-0.5 text-sm">
      {(["detailed", "board"] as const).map((v) => (
        <button
          key={v}
          type="button"
          aria-pressed={view === v}
          onClick={() => onChange(v)}
          className={cn("rounded-md px-3 py-1 font-medium", view === v ? "bg-white text-ink-900 shadow-sm" : "text-ink-600 hover:text-ink-900")}
        >
          {v === "detailed" ? "Detailed" : "Board"}
        </button>
      ))}
    </div>
  );
}

type Props = {
  control: Control<Storyboard>;
  register: UseFormRegister<Storyboard>;
  errors: FieldErrors<Storyboard>;
  /** Scene video clips from step 3, by position (status.sceneVideos). */
  sceneVideos?: SceneVideo[];
};

/**
 * The storyboard as a board: a grid of frames (image or its description, number, name, narration), drag (or
 * keyboard) to reorder, insert between frames, duplicate, select several to move or delete, edit one in a side
 * panel, and play the board. Every change is one undoable step.
 */
export const SceneBoard = memo(function SceneBoard({ control, register, errors, sceneVideos }: Props) {
  const { fields: rows, insert, remove: removeRows, move: moveRow, replace } = useFieldArray({ control, name: "scenes", keyName: "rowKey" });
  // Memoised (as in the detailed list): a new `items` array would re-render every frame's useSortable.
  const fields = useMemo(() => rows.map((f) => ({ ...f, id: f.id ?? f.rowKey })), [rows]);
  const items = useMemo(() => fields.map((f) => f.id), [fields]);
  const { change, getValues } = useEditorTools();
  const [editing, setEditing] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [playing, setPlaying] = useState(false);
  const position = (id: string | number) => fields.findIndex((f) => f.id === id) + 1;
  const move = useCallback((from: number, to: number) => change(`Move scene ${from + 1}`, () => moveRow(from, to)), [change, moveRow]);
  const onDragEnd = (activeId: string, overId: string) => {
    const [from, to] = [position(activeId) - 1, position(overId) - 1];
    if (from >= 0 && to >= 0) move(from, to);
  };
  const insertAt = useCallback(
    (at: number) => change(`Insert a scene at ${at + 1}`, () => insert(at, newScene({ name: `Scene ${at + 1}` }), { shouldFocus: false })),
    [change, insert],
  );
  const duplicate = useCallback(
    (i: number) => {
      const source = getValues?.(`scenes.${i}`);
      if (source) change(`Duplicate scene ${i + 1}`, () => insert(i + 1, duplicateScene(source), { shouldFocus: false }));
    },
    [change, getValues, insert],
  );
  const toggle = useCallback((id: string) => {
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);
  const chosen = fields.flatMap((f, i) => (selected.has(f.id) ? [i] : []));
  const removeSelected = () => {
    const n = chosen.length;
    change(`Delete ${n} scenes`, () => removeRows(chosen), { toast: `${n} ${n === 1 ? "scene" : "scenes"} deleted` });
    setSelected(new Set());
  };
  const moveSelected = (where: "start" | "end") => {
    if (!getValues) return;
    const all = getValues("scenes");
    const picked = all.filter((s) => s.id && selected.has(s.id));
    const rest = all.filter((s) => !(s.id && selected.has(s.id)));
    change(`Move ${picked.length} scenes to the ${where}`, () => replace(where === "start" ? [...picked, ...rest] : [...rest, ...picked]));
  };
  const editIndex = editing ? fields.findIndex((f) => f.id === editing) : -1;

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <Button size="sm" onClick={() => setPlaying(true)} disabled={fields.length === 0}>
          ▶ Play the board
        </Button>
        {chosen.length ? (
          <div role="group" aria-label="Selected scenes" className="flex flex-wrap items-center gap-1 rounded-lg bg-brand-50 px-2 py-1 text-sm text-brand-900">
            <span className="mr-1">{chosen.length} selected</span>
            <Button size="sm" variant="ghost" onClick={() => moveSelected("start")}>
              Move to start
            </Button>
            <Button size="sm" variant="ghost" onClick={() => moveSelected("end")}>
              Move to end
            </Button>
            <Button size="sm" variant="ghost" className="text-red-700" onClick={removeSelected}>
              Delete selected
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setSelected(new Set())}>
              Clear
            </Button>
          </div>
        ) : (
          <span className="text-xs text-ink-500">Drag a frame by its handle (or focus it and use space and the arrow keys) to reorder.</span>
        )}
      </div>
      <div className={cn("grid gap-4", editIndex >= 0 && "xl:grid-cols-[1fr_24rem]")}>
        <LazySortable
          items={items}
          layout="grid"
          onDragEnd={onDragEnd}
          instructions="To pick up a frame, press space or enter. Use the arrow keys to move it, space or enter to drop it, escape to cancel."
          announcements={{
            onDragStart: ({ active }) => `Picked up frame ${position(active.id)}.`,
            onDragOver: ({ active, over }) => (over ? `Frame ${position(active.id)} is over position ${position(over.id)} of ${fields.length}.` : undefined),
            onDragEnd: ({ active, over }) => (over ? `Frame ${position(active.id)} dropped at position ${position(over.id)}.` : "Frame dropped."),
            onDragCancel: ({ active }) => `Moving frame ${position(active.id)} was cancelled.`,
          }}
        >
          <ol
            aria-label="Board"
            className={cn("grid grid-cols-2 gap-3", editIndex >= 0 ? "sm:grid-cols-2 2xl:grid-cols-3" : "sm:grid-cols-3 lg:grid-cols-4")}
          >
            {fields.map((f, i) => (
              <Frame
                key={f.id}
                id={f.id}
                index={i}
                control={control}
                selected={selected.has(f.id)}
                editing={editing === f.id}
                onToggle={toggle}
                onEdit={setEditing}
                onInsertAfter={insertAt}
                onDuplicate={duplicate}
              />
            ))}
          </ol>
        </LazySortable>
        {editIndex >= 0 ? (
          <FramePanel key={editing} index={editIndex} control={control} register={register} errors={errors} onClose={() => setEditing(null)} />
        ) : null}
      </div>
      {fields.length === 0 ? (
        <p className="rounded-lg border border-dashed border-ink-200 px-4 py-6 text-center text-sm text-ink-500">No scenes yet.</p>
      ) : null}
      <Button variant="secondary" size="sm" onClick={() => insertAt(fields.length)}>
        + Add scene
      </Button>
      {playing ? <BoardPlayer control={control} sceneVideos={sceneVideos} onClose={() => setPlaying(false)} /> : null}
    </div>
  );
});

const Frame = memo(function Frame({
  id,
  index,
  control,
  selected,
  editing,
  onToggle,
  onEdit,
  onInsertAfter,
  onDuplicate,
}: {
  id: string;
  index: number;
  control: Control<Storyboard>;
  selected: boolean;
  editing: boolean;
  onToggle: (id: string) => void;
  onEdit: (id: string) => void;
  onInsertAfter: (at: number) => void;
  onDuplicate: (i: number) => void;
}) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useLazySortable(id);
  const [name, imageUrl, imageDescription, narration] = useWatch({
    control,
    name: [`scenes.${index}.name`, `scenes.${index}.image_url`, `scenes.${index}.image_description`, `scenes.${index}.narrator`] as const,
  });
  const label = `Frame ${index + 1}`;
  const stale = useImageOutOfDate(control, `scenes.${index}`, "scenes");
  return (
    <li
      ref={setNodeRef}
      style={{ transform, transition }}
      aria-label={`${label}${name ? `: ${name}` : ""}`}
      className={cn(
        "offscreen-skip-frame group relative flex flex-col overflow-hidden rounded-xl bg-white ring-1 ring-ink-200",
        selected && "ring-2 ring-brand-500",
        editing && "ring-2 ring-sky-500",
        isDragging && "z-20 shadow-pop",
      )}
    >
      <button type="button" onClick={() => onEdit(id)} className="block text-left" aria-label={`Edit scene ${index + 1}`}>
        {imageUrl ? (
          <ImagePreview url={imageUrl} alt={name || `Scene ${index + 1}`} className="rounded-none ring-0" stale={stale} />
        ) : (
          <div className="aspect-video overflow-hidden bg-gradient-to-br from-ink-100 to-ink-50 p-2 text-[11px] leading-snug text-ink-500">
            <span className="line-clamp-4">{imageDescription || "No image yet"}</span>
          </div>
        )}
      </button>
      <SceneHeading
        activatorRef={setActivatorNodeRef}
        attributes={attributes}
        listeners={listeners}
        number={index + 1}
        dragLabel={`Drag to reorder frame ${index + 1}`}
        compact
        className="px-2 pt-2"
      >
        <span className="min-w-0 flex-1 truncate text-sm font-medium text-ink-900">{name || "Untitled scene"}</span>
        <input type="checkbox" checked={selected} onChange={() => onToggle(id)} aria-label={`Select scene ${index + 1}`} className="h-4 w-4 accent-brand-600" />
      </SceneHeading>
      <p className="line-clamp-2 px-2 pb-1 text-xs text-ink-600">{narration || <span className="text-ink-400">No narration</span>}</p>
      <div className="mt-auto flex flex-wrap items-center justify-end gap-1 border-t border-ink-100 px-1 py-1">
        <Button size="sm" variant="ghost" className="h-7 px-2 text-xs" onClick={() => onDuplicate(index)} aria-label={`Duplicate scene ${index + 1}`}>
          Duplicate
        </Button>
        <Button size="sm" variant="ghost" className="h-7 px-2 text-xs" onClick={() => onInsertAfter(index + 1)} aria-label={`Insert a scene after scene ${index + 1}`}>
          + After
        </Button>
      </div>
    </li>
  );
});

/** One scene's fields beside the board (the same labels as the detailed view). */
function FramePanel({ index, control, register, errors, onClose }: Omit<Props, "sceneVideos"> & { index: number; onClose: () => void }) {
  const label = `Scene ${index + 1}`;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <aside aria-label={`${label} details`} className="space-y-3 rounded-xl bg-white p-3 ring-1 ring-sky-200 xl:sticky xl:top-24 xl:self-start">
      <div className="flex items-center justify-between">
        <h3 ref={heading} tabIndex={-1} className="text-sm font-semibold text-ink-900">
          {label}
        </h3>
        <Button size="sm" variant="ghost" onClick={onClose}>
          Close
        </Button>
      </div>
      <Field label={`${label} name`} labelClassName="text-xs" error={fieldError(errors, `scenes.${index}.name`)}>
        <Input className="h-8" {...register(`scenes.${index}.name` as const)} />
      </Field>
      <SceneTextFields index={index} control={control} register={register} errors={errors} layout="panel" />
    </aside>
  );
}

/** "Play the board": the frames in order, with narration audio when present and the scene's video clip once it exists. */
function BoardPlayer({ control, sceneVideos, onClose }: { control: Control<Storyboard>; sceneVideos?: SceneVideo[]; onClose: () => void }) {
  const scenes = useWatch({ control, name: "scenes" }) ?? [];
  const [at, setAt] = useState(0);
  const scene = scenes[at];
  const video = sceneVideos?.find((v) => v.index === at && v.status === "finished" && v.videoUrl)?.videoUrl;
  const next = useCallback(() => setAt((i) => (i + 1 < scenes.length ? i + 1 : i)), [scenes.length]);
  // Without audio or video a frame stays a moment long enough to read (about 15 characters a second, 2.5-8 s).
  const hasMedia = Boolean(video || scene?.narration_url);
  useEffect(() => {
    if (hasMedia || at >= scenes.length - 1) return;
    const ms = Math.min(8000, Math.max(2500, ((scene?.narrator?.length ?? 0) / 15) * 1000));
    const t = setTimeout(next, ms);
    return () => clearTimeout(t);
  }, [at, hasMedia, scene?.narrator, scenes.length, next]);
  return (
    <Dialog open onClose={onClose} title="Play the board">
      <div className="space-y-3">
        {video ? (
          <video key={video} src={video} autoPlay controls onEnded={next} className="aspect-video w-full rounded-lg bg-black" aria-label={`Scene ${at + 1} video`} />
        ) : (
          <ImagePreview url={scene?.image_url} alt={scene?.name || `Scene ${at + 1}`} />
        )}
        {!video && scene?.narration_url ? (
          <audio key={scene.narration_url} src={scene.narration_url} autoPlay controls onEnded={next} className="h-8 w-full" aria-label={`Scene ${at + 1} narration audio`} />
        ) : null}
        <p className="text-sm font-medium text-ink-900">
          {at + 1}. {scene?.name || "Untitled scene"}
        </p>
        <p className="text-sm text-ink-600">{scene?.narrator}</p>
        <div className="flex justify-between gap-2">
          <Button size="sm" variant="secondary" disabled={at === 0} onClick={() => setAt((i) => Math.max(0, i - 1))}>
            Previous
          </Button>
          <span aria-live="polite" className="self-center text-xs text-ink-500">
            Frame {at + 1} of {scenes.length}
          </span>
          <Button size="sm" variant="secondary" disabled={at >= scenes.length - 1} onClick={next}>
            Next
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
