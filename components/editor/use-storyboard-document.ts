"use client";

import { useMutation } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { UseFormReturn } from "react-hook-form";
import { toast } from "@/lib/toast";
import { saveStoryboard } from "@/lib/actions/stories";
import { prepareForEditing } from "@/lib/stories/model";
import { sameValue, threeWayMerge } from "@/lib/stories/three-way";
import { touchedApart } from "@/lib/stories/version-diff";
import { ITEM_LISTS } from "@/lib/stories/model";
import type { Storyboard } from "@/lib/validation/storyboard";
import { useLocalDraft } from "@/components/stories/use-local-draft";
import { debounce } from "./debounce";

/**
 * The editor's document state in ONE place: the version the edits are based on, the last saved storyboard, whether
 * the form differs from it (dirty), the in-flight save and its failure, conflicts, and generated media arriving.
 *
 * Dirty is "the form differs from the last saved storyboard" (compared by value, ids included), not react-hook-form's
 * flag: taking in generated media or a server-side merge never makes unsaved edits look saved. Server results are
 * written into the form field by field (by item id), so cards are not re-created and typing is not interrupted.
 */

type Draft = { baseVersion: number; storyboard: Storyboard };
export type Conflict = { version: number; storyboard: Storyboard | null; savedAt: string };
export type SaveFailure = { message: string; hint: string };

/** Form values always carry a title scene so its fields can be edited; an empty one is dropped on save. */
export function toFormValues(board: Storyboard): Storyboard {
  return { ...board, title_scene: board.title_scene ?? { title: "", description: "" } };
}
export function fromFormValues(values: Storyboard): Storyboard {
  const { title_scene, ...rest } = values;
  return title_scene && (title_scene.title || title_scene.description) ? { ...rest, title_scene } : rest;
}

/**
 * "Unsaved changes" as a tiny store, not React state of the editor root: the first keystroke flips it, and only the
 * few components that show it (save bar, discard button, leave guard) re-render, never the scene cards.
 */
export class DirtyFlag {
  private value = false;
  private listeners = new Set<() => void>();
  get = () => this.value;
  set(next: boolean) {
    if (next === this.value) return;
    this.value = next;
    this.listeners.forEach((l) => l());
  }
  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}
const notDirty = () => false;
/** Whether the form differs from the last saved storyboard (re-renders the caller only when that changes). */
export function useDirty(flag: DirtyFlag): boolean {
  return useSyncExternalStore(flag.subscribe, flag.get, notDirty);
}

type Rec = Record<string, unknown>;
type Form = UseFormReturn<Storyboard>;

function idsOfList(list: unknown): string {
  return Array.isArray(list) ? list.map((i) => (i as Rec)?.id ?? "").join(",") : "";
}

/**
 * Writes `next` into the form where it differs from `current`, as locally as possible: one field at a time inside
 * items whose list keeps the same items in the same order; the whole list only when items came or went.
 */
function writeDiff(form: Form, current: Storyboard, next: Storyboard) {
  const set = (path: string, value: unknown) => form.setValue(path as never, (value ?? "") as never, { shouldDirty: false });
  const cur = current as unknown as Rec;
  const nxt = next as unknown as Rec;
  for (const key of new Set([...Object.keys(cur), ...Object.keys(nxt)])) {
    if (sameValue(cur[key], nxt[key])) continue;
    if ((ITEM_LISTS as readonly string[]).includes(key)) {
      const [a, b] = [(cur[key] as Rec[]) ?? [], (nxt[key] as Rec[]) ?? []];
      if (idsOfList(a) !== idsOfList(b)) {
        set(key, b);
        continue;
      }
      b.forEach((item, i) => {
        for (const field of new Set([...Object.keys(a[i] ?? {}), ...Object.keys(item)])) {
          if (!sameValue(a[i]?.[field], item[field])) set(`${key}.${i}.${field}`, item[field]);
        }
      });
    } else if (key === "music" || key === "title_scene") {
      const [a, b] = [(cur[key] as Rec) ?? {}, (nxt[key] as Rec) ?? {}];
      for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) {
        if (!sameValue(a[field], b[field])) set(`${key}.${field}`, b[field]);
      }
    } else {
      set(key, nxt[key]);
    }
  }
}

/** A single text field: `scenes.3.narrator`, `music.description`, `title_scene.title`. */
const LEAF_FIELD = /^(?:(?:characters|environments|objects|scenes)\.\d+\.[a-z_]+|(?:music|title_scene)\.[a-z_]+)$/;

function valueAt(board: Storyboard, path: string): unknown {
  return path.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Rec)[k] : undefined), board);
}

/** Which text fields differ between two storyboards whose lists hold the same items in the same order. */
function compareBoards(saved: Storyboard, current: Storyboard): { sameStructure: boolean; paths: Set<string> } {
  const paths = new Set<string>();
  const [a, b] = [saved as unknown as Rec, current as unknown as Rec];
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if ((ITEM_LISTS as readonly string[]).includes(key)) {
      const [x, y] = [(a[key] as Rec[]) ?? [], (b[key] as Rec[]) ?? []];
      if (idsOfList(x) !== idsOfList(y)) return { sameStructure: false, paths };
      y.forEach((item, i) => {
        for (const field of new Set([...Object.keys(x[i] ?? {}), ...Object.keys(item ?? {})])) {
          if (!sameValue(x[i]?.[field], item?.[field])) paths.add(`${key}.${i}.${field}`);
        }
      });
    } else if (key === "music" || key === "title_scene") {
      const [x, y] = [(a[key] as Rec) ?? {}, (b[key] as Rec) ?? {}];
      for (const field of new Set([...Object.keys(x), ...Object.keys(y)])) if (!sameValue(x[field], y[field])) paths.add(`${key}.${field}`);
    } else if (!sameValue(a[key], b[key])) {
      paths.add(key);
    }
  }
  return { sameStructure: true, paths };
}

function unreachable(error: unknown): boolean {
  if (typeof navigator !== "undefined" && navigator.onLine === false) return true;
  return error instanceof TypeError && /fetch|network|load failed/i.test(error.message);
}

export function useStoryboardDocument({
  storyId,
  form,
  initial,
  upstreamVersion,
}: {
  storyId: string;
  form: Form;
  /** The saved storyboard the page was rendered with (already prepared for editing). */
  initial: { version: number; board: Storyboard };
  /** The newest version the status poll knows of: a newer one brings generated media (or someone's edit). */
  upstreamVersion: number;
}) {
  const { handleSubmit, reset, getValues } = form;
  /** The version the edits are based on (what a save sends as baseVersion; the three-way merge's base). */
  const [baseVersion, setBaseVersion] = useState(initial.version);
  /** The last storyboard known to be on the server: what "Discard" goes back to and what dirty compares with. */
  const [saved, setSaved] = useState(initial);
  const [dirtyFlag] = useState(() => new DirtyFlag());
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [failure, setFailure] = useState<SaveFailure | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [restoredAt, setRestoredAt] = useState<string | null>(null);
  const draft = useLocalDraft<Draft>(`storyboard-studio:draft:${storyId}`);

  // Refs mirror the state for callbacks that must not be re-created on every keystroke (one place, here).
  const state = useRef({ baseVersion, saved, dirty: false });
  useEffect(() => {
    state.current = { ...state.current, baseVersion, saved };
  }, [baseVersion, saved]);

  /**
   * "Unsaved" without comparing the whole storyboard on every keystroke: a full comparison when the structure may
   * have changed (load, reset, add / remove / move), then per-field dirty flags while only fields are typed in.
   */
  const dirtyFields = useRef<{ sameStructure: boolean; paths: Set<string> }>({ sameStructure: true, paths: new Set() });
  const setDirtyFlag = useCallback((next: boolean) => {
    state.current.dirty = next;
    dirtyFlag.set(next);
    return next;
  }, [dirtyFlag]);
  const recompute = useCallback(
    (values: Storyboard = getValues(), against: Storyboard = state.current.saved.board) => {
      const result = compareBoards(toFormValues(against), values);
      dirtyFields.current = result;
      return setDirtyFlag(!result.sameStructure || result.paths.size > 0);
    },
    [getValues, setDirtyFlag],
  );
  /** One field changed (`name` is its path): compare that field only, when the lists still match the saved ones. */
  const recomputeField = useCallback(
    (name: string, values: Storyboard) => {
      const flags = dirtyFields.current;
      if (!flags.sameStructure) return setDirtyFlag(true);
      const saved = toFormValues(state.current.saved.board);
      if (sameValue(valueAt(values, name), valueAt(saved, name))) flags.paths.delete(name);
      else flags.paths.add(name);
      return setDirtyFlag(flags.paths.size > 0);
    },
    [setDirtyFlag],
  );

  // Every edit: recompute dirty and keep a draft, without re-rendering the form. The draft is written 400 ms after the
  // last edit (one timer, not one per keystroke), from the form as it is then, and at once when the page is left.
  useEffect(() => {
    const keepDraft = debounce(() => {
      if (state.current.dirty) {
        draft.write({ baseVersion: state.current.baseVersion, storyboard: getValues() });
        draft.flush();
      }
    }, 400);
    const unsubscribe = form.subscribe({
      formState: { values: true },
      callback: ({ values, name }) => {
        const isDirty = name && LEAF_FIELD.test(name) ? recomputeField(name, values as Storyboard) : recompute(values as Storyboard);
        if (name && isDirty) keepDraft.call();
      },
    });
    window.addEventListener("pagehide", keepDraft.flush);
    return () => {
      window.removeEventListener("pagehide", keepDraft.flush);
      unsubscribe();
      keepDraft.flush();
    };
  }, [form, draft, recompute, recomputeField, getValues]);

  /** After a programmatic change of the whole form (undo / redo): "unsaved" and the draft follow. */
  const touched = useCallback(() => {
    const values = getValues();
    if (recompute(values)) draft.write({ baseVersion: state.current.baseVersion, storyboard: values });
    else draft.clear();
  }, [getValues, recompute, draft]);

  // Bring back unsaved edits from a previous visit (reload, crash, failed save).
  const restored = useRef(false);
  useEffect(() => {
    if (restored.current) return;
    restored.current = true;
    const kept = draft.read();
    if (!kept) return;
    const board = prepareForEditing(kept.value.storyboard).board;
    if (sameValue(fromFormValues(board), fromFormValues(toFormValues(initial.board)))) {
      draft.clear();
      return;
    }
    reset(toFormValues(board));
    state.current.baseVersion = kept.value.baseVersion;
    // localStorage is only readable after hydration, so this state is set from an effect on purpose.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setBaseVersion(kept.value.baseVersion);
    setRestoredAt(kept.savedAt);
    recompute();
  }, [draft, reset, initial.board, recompute]);

  /** A newer saved storyboard (`to`) taken in: my edits since `from` stay, everything else comes from `to`. */
  const takeIn = useCallback(
    (from: Storyboard, to: Storyboard, version: number) => {
      // The server stored exactly what was sent (`to` is `from`): nothing of it to write into the form, and no
      // three-way merge and comparison of the whole storyboard on the main thread (a long task at 200+ scenes).
      if (to !== from) {
        const current = fromFormValues(getValues());
        writeDiff(form, current, threeWayMerge(from, current, to));
      }
      state.current = { ...state.current, baseVersion: version, saved: { version, board: to } };
      setBaseVersion(version);
      setSaved({ version, board: to });
      const stillDirty = recompute(getValues(), to);
      if (stillDirty) draft.write({ baseVersion: version, storyboard: getValues() });
      else draft.clear();
    },
    [form, getValues, recompute, draft],
  );

  const mutation = useMutation({
    mutationFn: (args: { base: number; board: Storyboard; overwrite?: boolean }) =>
      saveStoryboard({ storyId, baseVersion: args.base, storyboard: args.board, ...(args.overwrite ? { overwrite: true } : {}) }),
    onSuccess: (result, args) => {
      if (result.ok) {
        setSavedAt(result.data.savedAt);
        setConflict(null);
        setRestoredAt(null);
        setFailure(null);
        // What the server stored: exactly what was sent (nothing to write into the form), or a merge with generated
        // media / another person's edits (only the differing fields are written; typing since the send is kept).
        takeIn(args.board, result.data.storyboard ?? args.board, result.data.version);
        toast.success(`Saved as version ${result.data.version}`);
        return;
      }
      if (result.error.code === "conflict") {
        const theirs = result.error.details as Conflict;
        // Both saves touched different items: the server's three-way merge by id keeps both, no question asked.
        if (!args.overwrite && theirs.storyboard && touchedApart(state.current.saved.board, args.board, theirs.storyboard)) {
          toast.info(`Merged with version ${theirs.version}, saved meanwhile: you changed different items.`);
          setTimeout(() => void saveRef.current({ overwrite: true }), 0);
          return;
        }
        setConflict(theirs);
        return;
      }
      setFailure({ message: result.error.message, hint: "Your edits are kept in this browser until they are saved." });
      toast.error(result.error.message, { description: "Your edits are kept in this browser until they are saved." });
    },
    onError: (error) => {
      const f: SaveFailure = unreachable(error)
        ? { message: "the server could not be reached.", hint: "Check your connection, then save again. Your edits are kept in this browser." }
        : { message: "the server had a problem.", hint: "Your edits are kept in this browser. Try saving again in a moment." };
      setFailure(f);
      toast.error(`Save failed: ${f.message}`, { description: f.hint });
    },
  });
  const mutationRef = useRef(mutation);
  useEffect(() => {
    mutationRef.current = mutation;
  });

  const invalid = useCallback(() => toast.error("Some fields need your attention before saving."), []);

  /**
   * A save is in flight. Its own flag rather than the mutation's `isPending`, which a ref only sees after the next
   * render: the automatic re-save after a merge (a timer queued from onSuccess) could still read "pending" then.
   */
  const saveInFlight = useRef(false);
  /** Saves the form (once at a time). Resolves to whether it was saved. */
  const save = useCallback(
    async (opts: { overwrite?: boolean } = {}): Promise<boolean> => {
      if (saveInFlight.current) return false;
      saveInFlight.current = true;
      let ok = false;
      try {
        await handleSubmit(async (values) => {
          const result = await mutationRef.current
            .mutateAsync({ base: state.current.baseVersion, board: fromFormValues(values), overwrite: opts.overwrite })
            .catch(() => null);
          ok = Boolean(result?.ok);
        }, invalid)();
      } finally {
        saveInFlight.current = false;
      }
      return ok;
    },
    [handleSubmit, invalid],
  );

  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  });

  /** Paid steps use the saved storyboard: save unsaved edits first. */
  const ensureSaved = useCallback(async () => (state.current.dirty ? save() : true), [save]);

  const discard = useCallback(() => {
    draft.clear();
    reset(toFormValues(state.current.saved.board));
    state.current.baseVersion = state.current.saved.version;
    setBaseVersion(state.current.saved.version);
    setRestoredAt(null);
    setFailure(null);
    recompute();
  }, [draft, reset, recompute]);

  const loadTheirs = useCallback(() => {
    if (!conflict) return;
    draft.clear();
    const theirs = prepareForEditing(conflict.storyboard ?? state.current.saved.board).board;
    state.current = { ...state.current, baseVersion: conflict.version, saved: { version: conflict.version, board: theirs } };
    reset(toFormValues(theirs));
    setSaved({ version: conflict.version, board: theirs });
    setBaseVersion(conflict.version);
    setConflict(null);
    recompute(getValues(), theirs);
    toast.info(`Loaded version ${conflict.version}. Your changes were discarded.`);
  }, [conflict, draft, reset, recompute, getValues]);

  /** A version saved elsewhere (e.g. a restored one) becomes what the editor shows and is based on. */
  const adopt = useCallback(
    (version: number, board: Storyboard) => {
      draft.clear();
      const next = prepareForEditing(board).board;
      state.current = { ...state.current, baseVersion: version, saved: { version, board: next } };
      reset(toFormValues(next));
      setSaved({ version, board: next });
      setBaseVersion(version);
      setConflict(null);
      setFailure(null);
      setRestoredAt(null);
      recompute(getValues(), next);
    },
    [draft, reset, recompute, getValues],
  );

  /** Writes only what I changed since my base over the saved version (the server merges by item id). */
  const overwriteWithMine = useCallback(() => {
    setConflict(null);
    void save({ overwrite: true });
  }, [save]);

  // New media from a finished step arrive as a new saved version: take them in, keeping unsaved edits unsaved.
  const saving = mutation.isPending;
  useEffect(() => {
    if (saving || upstreamVersion <= state.current.saved.version) return;
    let cancelled = false;
    void (async () => {
      const since = state.current.saved.version;
      const res = await fetch(`/api/stories/${storyId}/storyboard?since=${since}`, { cache: "no-store" }).catch(() => null);
      if (!res?.ok || cancelled) return;
      const next = (await res.json()) as { version: number; storyboard: Storyboard; sources: string[] };
      if (cancelled || next.version <= state.current.saved.version || mutationRef.current.isPending) return;
      // Someone else's edit while I have unsaved ones: saving shows the conflict and lets me choose.
      if (state.current.dirty && !next.sources.every((source) => source === "upstream")) return;
      takeIn(state.current.saved.board, prepareForEditing(next.storyboard).board, next.version);
    })();
    return () => {
      cancelled = true;
    };
  }, [upstreamVersion, storyId, saving, takeIn]);

  return {
    baseVersion,
    savedVersion: saved.version,
    /** Read it with useDirty(doc.dirtyFlag) in the component that shows it. */
    dirtyFlag,
    saving,
    savedAt,
    failure,
    conflict,
    restoredAt,
    save,
    ensureSaved,
    discard,
    touched,
    adopt,
    loadTheirs,
    overwriteWithMine,
    keepEditing: () => setConflict(null),
  };
}
