"use client";

import type { Announcements, DraggableAttributes, DraggableSyntheticListeners } from "@dnd-kit/core";
import { createContext, useCallback, useContext, useEffect, useId, useMemo, useState, useSyncExternalStore, type ReactNode, type SyntheticEvent } from "react";

type Layer = typeof import("./sortable-layer");
type Listener = (event: SyntheticEvent) => void;

/** What an item of a sortable list spreads on its root and its drag handle (the same shape as dnd-kit's useSortable). */
export type SortableHandle = {
  attributes: DraggableAttributes;
  listeners: DraggableSyntheticListeners;
  setNodeRef: (node: HTMLElement | null) => void;
  setActivatorNodeRef: (node: HTMLElement | null) => void;
  /** CSS transform while dragging (a string, ready for `style`). */
  transform: string | undefined;
  transition: string | undefined;
  isDragging: boolean;
};

/** The items' handle props by item id: plain until the drag layer loads, then dnd-kit's. */
export type SortableStore = {
  get(id: string): SortableHandle | null;
  set(id: string, handle: SortableHandle | null): void;
  subscribe(id: string, onChange: () => void): () => void;
  plain(id: string): SortableHandle;
};

type Pending = { id: string; kind: "pointer" | "key"; event: SyntheticEvent };
type Store = SortableStore & {
  /** The pointerdown / key that asked for the layer, if it should continue as a drag; taken once. */
  takePending(): Pending | null;
};
const START_KEYS = new Set(["Space", "Enter"]);
const noRef = () => {};

function createStore(describedBy: string, loaded: (layer: Layer) => void): Store {
  const handles = new Map<string, SortableHandle>();
  const listeners = new Map<string, Set<() => void>>();
  let pending: Pending | null = null;
  let loading = false;
  const request = (p: Pending | null) => {
    if (p) {
      pending = p;
      if (p.kind === "pointer") {
        // Released before the layer is there: a click, not a drag.
        const cancel = () => {
          if (pending === p) pending = null;
        };
        document.addEventListener("pointerup", cancel, { once: true, capture: true });
        document.addEventListener("pointercancel", cancel, { once: true, capture: true });
      }
    }
    if (loading) return;
    loading = true;
    import("./sortable-layer").then(loaded, () => {
      loading = false; // offline: the next pointerdown / key tries again
    });
  };
  return {
    get: (id) => handles.get(id) ?? null,
    set(id, handle) {
      if (handle) handles.set(id, handle);
      else handles.delete(id);
      listeners.get(id)?.forEach((l) => l());
    },
    subscribe(id, onChange) {
      let set = listeners.get(id);
      if (!set) listeners.set(id, (set = new Set()));
      set.add(onChange);
      return () => {
        set.delete(onChange);
        if (!set.size) listeners.delete(id);
      };
    },
    takePending() {
      const p = pending;
      pending = null;
      return p;
    },
    plain: (id) => ({
      attributes: {
        role: "button",
        tabIndex: 0,
        "aria-disabled": false,
        "aria-pressed": undefined,
        "aria-roledescription": "sortable",
        "aria-describedby": describedBy,
      },
      listeners: {
        onPointerEnter: () => request(null),
        onFocus: () => request(null),
        onPointerDown: (event: SyntheticEvent) => {
          const e = event.nativeEvent as PointerEvent;
          request(e.isPrimary && e.button === 0 ? { id, kind: "pointer", event } : null);
        },
        onKeyDown: (event: SyntheticEvent) => request(START_KEYS.has((event.nativeEvent as KeyboardEvent).code) ? { id, kind: "key", event } : null),
      },
      setNodeRef: noRef,
      setActivatorNodeRef: noRef,
      transform: undefined,
      transition: undefined,
      isDragging: false,
    }),
  };
}

const StoreContext = createContext<SortableStore | null>(null);

/**
 * A sortable list whose drag-and-drop code (dnd-kit, sortable-layer.tsx) is loaded and mounted only when a drag can
 * start: the items render plain handles (same role, label and description), and the first pointerdown, focus, hover
 * or key on one loads the layer, which registers every item and takes over their handles. The event that asked for it
 * continues: a pointerdown still held starts the drag once the pointer moves past dnd-kit's activation distance, and
 * Space / Enter on a focused handle picks the item up. Until then, hydrating a 200-item list registers nothing with
 * dnd-kit (each registration re-renders every sortable) and the route's first-load JS has no dnd-kit.
 */
export function LazySortable({
  items,
  layout,
  instructions,
  announcements,
  onDragEnd,
  children,
}: {
  items: string[];
  layout: "vertical" | "grid";
  /** Read to screen readers on a handle: how to pick up, move and drop. */
  instructions: string;
  announcements: Announcements;
  onDragEnd: (activeId: string, overId: string) => void;
  children: ReactNode;
}) {
  const describedBy = useId();
  const [layer, setLayer] = useState<Layer | null>(null);
  const [store] = useState(() => createStore(describedBy, (m) => setLayer(() => m)));

  // The event that asked for the layer continues once the items have dnd-kit's listeners (after their re-render).
  useEffect(() => {
    if (!layer) return;
    const p = store.takePending();
    if (!p) return;
    let frame = 0;
    let tries = 0;
    const replay = () => {
      const handle = store.get(p.id);
      if (!handle) {
        if (++tries < 30) frame = requestAnimationFrame(replay);
        return;
      }
      // A pointer released meanwhile is a click, not a drag.
      if (p.kind === "pointer" && !((p.event.nativeEvent as PointerEvent).target as Element | null)?.isConnected) return;
      (handle.listeners?.[p.kind === "pointer" ? "onPointerDown" : "onKeyDown"] as Listener | undefined)?.(p.event);
    };
    frame = requestAnimationFrame(replay);
    return () => cancelAnimationFrame(frame);
  }, [layer, store]);

  return (
    <>
      <div id={describedBy} hidden>
        {instructions}
      </div>
      <StoreContext.Provider value={store}>{children}</StoreContext.Provider>
      {layer ? (
        <layer.SortableLayer items={items} layout={layout} store={store} instructions={instructions} announcements={announcements} onDragEnd={onDragEnd} />
      ) : null}
    </>
  );
}

/** An item's handle props (`useSortable`'s shape): plain until the drag layer is loaded. */
export function useLazySortable(id: string): SortableHandle {
  const store = useContext(StoreContext);
  if (!store) throw new Error("useLazySortable outside LazySortable");
  const subscribe = useCallback((onChange: () => void) => store.subscribe(id, onChange), [store, id]);
  const bound = useSyncExternalStore(
    subscribe,
    () => store.get(id),
    () => null,
  );
  const plain = useMemo(() => store.plain(id), [store, id]);
  return bound ?? plain;
}
