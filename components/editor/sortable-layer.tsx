"use client";

/**
 * The drag-and-drop layer of a sortable list (dnd-kit), loaded only when a drag can start: the first pointerdown,
 * focus or key on a drag handle (lazy-sortable.tsx). It renders no DOM of its own besides dnd-kit's accessibility
 * nodes: one `Binding` per item registers the item with dnd-kit and hands its handle props to the item through the
 * list's store, so the items (and their text fields) are never re-mounted when the layer arrives.
 */
import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type Announcements, type DragEndEvent } from "@dnd-kit/core";
import { rectSortingStrategy, SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { memo, useLayoutEffect } from "react";
import type { SortableHandle, SortableStore } from "./lazy-sortable";

export type SortableLayerProps = {
  items: string[];
  layout: "vertical" | "grid";
  store: SortableStore;
  instructions: string;
  announcements: Announcements;
  onDragEnd: (activeId: string, overId: string) => void;
};

export function SortableLayer({ items, layout, store, instructions, announcements, onDragEnd }: SortableLayerProps) {
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const end = ({ active, over }: DragEndEvent) => {
    if (over && active.id !== over.id) onDragEnd(String(active.id), String(over.id));
  };
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={end}
      accessibility={{ screenReaderInstructions: { draggable: instructions }, announcements }}
    >
      <SortableContext items={items} strategy={layout === "grid" ? rectSortingStrategy : verticalListSortingStrategy}>
        {items.map((id) => (
          <Binding key={id} id={id} store={store} />
        ))}
      </SortableContext>
    </DndContext>
  );
}

const Binding = memo(function Binding({ id, store }: { id: string; store: SortableStore }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id });
  const translate = CSS.Translate.toString(transform);
  useLayoutEffect(() => {
    const handle: SortableHandle = { attributes, listeners, setNodeRef, setActivatorNodeRef, transform: translate, transition, isDragging };
    store.set(id, handle);
  }, [store, id, attributes, listeners, setNodeRef, setActivatorNodeRef, translate, transition, isDragging]);
  useLayoutEffect(() => () => store.set(id, null), [store, id]);
  return null;
});
