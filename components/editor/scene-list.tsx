"use client";

import { RegenerateCost } from "@/components/production/costs";
import { useSceneFocus } from "@/components/live/use-scene-focus";
import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
} from "@dnd-kit/core";
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { memo, useCallback } from "react";
import { useFieldArray, useWatch, type Control, type FieldErrors, type UseFormRegister } from "react-hook-form";
import type { Storyboard } from "@/lib/validation/storyboard";
import { duplicateScene, newScene } from "@/lib/stories/model";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { cn } from "@/lib/cn";
import { ImagePreview } from "./media-preview";
import { fieldError } from "./field-error";
import { ItemControls } from "./item-controls";
import { useEditorTools } from "./use-editor-history";
import { MentionTextarea, SceneMentions } from "./mentions";
import { SceneReviewSlot } from "@/components/review/review-badges";

type Props = {
  control: Control<Storyboard>;
  register: UseFormRegister<Storyboard>;
  errors: FieldErrors<Storyboard>;
};

type RegenerateProps = {
  /** Regenerate one scene's image (step 2 for that scene only). */
  onRegenerate?: (sceneId: string) => void;
  regenerateDisabled?: boolean;
};

export function SceneList({ control, register, errors, onRegenerate, regenerateDisabled }: Props & RegenerateProps) {
  // Cards are keyed by the scene's own id (our stable id), not by react-hook-form's generated one.
  const { fields: rows, append, remove: removeRow, move: moveRow, insert } = useFieldArray({ control, name: "scenes", keyName: "rowKey" });
  const fields = rows.map((f) => ({ ...f, id: f.id ?? f.rowKey }));
  // Every structural change is one undoable step (use-editor-history.ts).
  const { change, getValues } = useEditorTools();
  const remove = useCallback(
    (i: number) => change(`Remove scene ${i + 1}`, () => removeRow(i), { toast: `Scene ${i + 1} removed` }),
    [change, removeRow],
  );
  const move = useCallback((from: number, to: number) => change(`Move scene ${from + 1}`, () => moveRow(from, to)), [change, moveRow]);
  const duplicate = useCallback(
    (i: number) => {
      const source = getValues?.(`scenes.${i}`);
      if (!source) return;
      change(`Duplicate scene ${i + 1}`, () => insert(i + 1, duplicateScene(source), { shouldFocus: false }));
    },
    [change, getValues, insert],
  );
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const position = (id: string | number) => fields.findIndex((f) => f.id === id) + 1;
  const onDragEnd = useCallback(
    (event: DragEndEvent) => {
      const { active, over } = event;
      if (!over || active.id === over.id) return;
      const from = fields.findIndex((f) => f.id === active.id);
      const to = fields.findIndex((f) => f.id === over.id);
      if (from >= 0 && to >= 0) move(from, to);
    },
    [fields, move],
  );

  return (
    <div className="space-y-3">
      <DndContext
        sensors={sensors}
        collisionDetection={closestCenter}
        onDragEnd={onDragEnd}
        accessibility={{
          screenReaderInstructions: {
            draggable: "To pick up a scene, press space or enter. Use the arrow keys to move it, space or enter to drop it, escape to cancel.",
          },
          announcements: {
            onDragStart: ({ active }) => `Picked up scene ${position(active.id)}.`,
            onDragOver: ({ active, over }) =>
              over ? `Scene ${position(active.id)} is over position ${position(over.id)} of ${fields.length}.` : undefined,
            onDragEnd: ({ active, over }) =>
              over ? `Scene ${position(active.id)} dropped at position ${position(over.id)}.` : "Scene dropped.",
            onDragCancel: ({ active }) => `Moving scene ${position(active.id)} was cancelled.`,
          },
        }}
      >
        <SortableContext items={fields.map((f) => f.id)} strategy={verticalListSortingStrategy}>
          <ol className="space-y-3">
            {fields.map((f, i) => (
              <SceneCard
                key={f.id}
                id={f.id}
                index={i}
                count={fields.length}
                control={control}
                register={register}
                errors={errors}
                onRemove={remove}
                onMove={move}
                onDuplicate={duplicate}
                onRegenerate={onRegenerate}
                regenerateDisabled={regenerateDisabled}
              />
            ))}
          </ol>
        </SortableContext>
      </DndContext>
      {fields.length === 0 ? (
        <p className="rounded-lg border border-dashed border-ink-200 px-4 py-6 text-center text-sm text-ink-500">No scenes yet.</p>
      ) : null}
      <Button
        variant="secondary"
        size="sm"
        onClick={() =>
          change("Add scene", () =>
            append(newScene({ name: `Scene ${fields.length + 1}` }), {
              shouldFocus: true,
              focusName: `scenes.${fields.length}.image_description`,
            }),
          )
        }
      >
        + Add scene
      </Button>
    </div>
  );
}

const SceneCard = memo(function SceneCard({
  id,
  index,
  count,
  control,
  register,
  errors,
  onRemove,
  onMove,
  onDuplicate,
  onRegenerate,
  regenerateDisabled,
}: Props &
  RegenerateProps & {
    id: string;
    index: number;
    count: number;
    onRemove: (i: number) => void;
    onMove: (a: number, b: number) => void;
    onDuplicate?: (i: number) => void;
  }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id });
  const imageUrl = useWatch({ control, name: `scenes.${index}.image_url` as const });
  const narrationUrl = useWatch({ control, name: `scenes.${index}.narration_url` as const });
  const name = useWatch({ control, name: `scenes.${index}.name` as const });
  const label = `Scene ${index + 1}`;
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      aria-label={`${label}${name ? `: ${name}` : ""}`}
      {...useSceneFocus(id, index)}
      className={cn(
        "offscreen-skip rounded-xl bg-white ring-1 ring-ink-200",
        isDragging && "relative z-20 shadow-pop ring-2 ring-brand-400",
      )}
    >
      <div className="flex flex-wrap items-center gap-2 border-b border-ink-100 px-3 py-2">
        <button
          type="button"
          ref={setActivatorNodeRef}
          {...attributes}
          {...listeners}
          aria-label={`Drag to reorder ${label.toLowerCase()}`}
          className="grid h-8 w-8 cursor-grab touch-none place-items-center rounded-md text-ink-400 hover:bg-ink-100 hover:text-ink-700 active:cursor-grabbing"
        >
          <svg viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor" aria-hidden>
            <circle cx="7" cy="5" r="1.5" />
            <circle cx="13" cy="5" r="1.5" />
            <circle cx="7" cy="10" r="1.5" />
            <circle cx="13" cy="10" r="1.5" />
            <circle cx="7" cy="15" r="1.5" />
            <circle cx="13" cy="15" r="1.5" />
          </svg>
        </button>
        <span className="grid h-6 min-w-6 place-items-center rounded-full bg-brand-50 px-1.5 text-xs font-semibold text-brand-700">
          {index + 1}
        </span>
        <Field label={`${label} name`} labelClassName="sr-only" className="min-w-[10rem] flex-1" error={fieldError(errors, `scenes.${index}.name`)}>
          <Input className="h-8 border-0 font-medium shadow-none ring-0 focus:ring-1" placeholder="Scene name" {...register(`scenes.${index}.name` as const)} />
        </Field>
        <SceneReviewSlot sceneId={id} />
        <ItemControls label={label} index={index} count={count} onMove={onMove} onRemove={onRemove} onDuplicate={onDuplicate} compact className="ml-auto shrink-0 gap-0" />
      </div>
      <div className="grid gap-4 p-3 md:grid-cols-[13rem_1fr]">
        <div className="space-y-2">
          <ImagePreview url={imageUrl} alt={name ? `${name}` : label} />
          {imageUrl && onRegenerate ? (
            <Button
              variant="outline"
              size="sm"
              className="w-full"
              disabled={regenerateDisabled}
              onClick={() => onRegenerate(id)}
              aria-label={`Regenerate ${label.toLowerCase()} image`}
            >
              Regenerate image
            </Button>
          ) : null}
          {imageUrl && onRegenerate ? <RegenerateCost /> : null}
          {narrationUrl ? (
            <audio controls preload="none" src={narrationUrl} className="h-8 w-full" aria-label={`${label} narration audio`} />
          ) : null}
          <Field label={`${label} image URL`} labelClassName="text-xs" optional error={fieldError(errors, `scenes.${index}.image_url`)}>
            <Input type="url" className="h-8 text-xs" placeholder="https://" {...register(`scenes.${index}.image_url` as const)} />
          </Field>
        </div>
        <div className="grid gap-3 lg:grid-cols-2">
          <Field label={`${label} image description`} labelClassName="text-xs" className="lg:col-span-2" error={fieldError(errors, `scenes.${index}.image_description`)}>
            <MentionTextarea control={control} registration={register(`scenes.${index}.image_description` as const)} />
          </Field>
          <Field label={`${label} video description`} labelClassName="text-xs" error={fieldError(errors, `scenes.${index}.video_description`)}>
            <MentionTextarea control={control} registration={register(`scenes.${index}.video_description` as const)} />
          </Field>
          <Field label={`${label} narration`} labelClassName="text-xs" error={fieldError(errors, `scenes.${index}.narrator`)}>
            <MentionTextarea control={control} registration={register(`scenes.${index}.narrator` as const)} />
          </Field>
          <div className="lg:col-span-2">
            <SceneMentions control={control} index={index} />
          </div>
        </div>
      </div>
    </li>
  );
});
