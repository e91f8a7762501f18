"use client";

import { RegenerateCost } from "@/components/production/costs";
import { useSceneFocus } from "@/components/live/use-scene-focus";
import { memo, useCallback, useMemo } from "react";
import { useFieldArray, useWatch, type Control, type FieldErrors, type UseFormRegister } from "react-hook-form";
import type { Storyboard } from "@/lib/validation/storyboard";
import { duplicateScene, newScene } from "@/lib/stories/model";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { cn } from "@/lib/cn";
import { ImagePreview } from "./media-preview";
import { ImageUploadControl, UploadDropZone, useImageOutOfDate } from "./image-upload";
import { fieldError } from "./field-error";
import { ItemControls } from "./item-controls";
import { SceneHeading } from "./scene-heading";
import { LazySortable, useLazySortable } from "./lazy-sortable";
import { useEditorTools } from "./use-editor-history";
import { SceneTextFields } from "./scene-fields";
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

/**
 * Memoised, with a memoised `items` list for dnd-kit: the editor root re-rendering (save state, status polls) must not
 * re-render 200 cards (a new `items` array re-renders every useSortable). dnd-kit itself is loaded and mounted with the
 * first drag (lazy-sortable.tsx).
 */
export const SceneList = memo(function SceneList({ control, register, errors, onRegenerate, regenerateDisabled }: Props & RegenerateProps) {
  // Cards are keyed by the scene's own id (our stable id), not by react-hook-form's generated one.
  const { fields: rows, append, remove: removeRow, move: moveRow, insert } = useFieldArray({ control, name: "scenes", keyName: "rowKey" });
  const fields = useMemo(() => rows.map((f) => ({ ...f, id: f.id ?? f.rowKey })), [rows]);
  const items = useMemo(() => fields.map((f) => f.id), [fields]);
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
  const position = (id: string | number) => fields.findIndex((f) => f.id === id) + 1;
  const onDragEnd = useCallback(
    (activeId: string, overId: string) => {
      const from = items.indexOf(activeId);
      const to = items.indexOf(overId);
      if (from >= 0 && to >= 0) move(from, to);
    },
    [items, move],
  );

  return (
    <div className="space-y-3">
      <LazySortable
        items={items}
        layout="vertical"
        onDragEnd={onDragEnd}
        instructions="To pick up a scene, press space or enter. Use the arrow keys to move it, space or enter to drop it, escape to cancel."
        announcements={{
          onDragStart: ({ active }) => `Picked up scene ${position(active.id)}.`,
          onDragOver: ({ active, over }) =>
            over ? `Scene ${position(active.id)} is over position ${position(over.id)} of ${fields.length}.` : undefined,
          onDragEnd: ({ active, over }) => (over ? `Scene ${position(active.id)} dropped at position ${position(over.id)}.` : "Scene dropped."),
          onDragCancel: ({ active }) => `Moving scene ${position(active.id)} was cancelled.`,
        }}
      >
        <ol className="space-y-3">
          {fields.map((f, i) => (
            <SceneCard
              key={f.id}
              id={f.id}
              rowKey={f.rowKey}
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
      </LazySortable>
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
});

const SceneCard = memo(function SceneCard({
  id,
  rowKey,
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
    /** react-hook-form's row id: new after a reset (undo, discard, restore), see SceneCardBody. */
    rowKey: string;
    index: number;
    count: number;
    onRemove: (i: number) => void;
    onMove: (a: number, b: number) => void;
    onDuplicate?: (i: number) => void;
  }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useLazySortable(id);
  const name = useWatch({ control, name: `scenes.${index}.name` as const });
  const label = `Scene ${index + 1}`;
  return (
    <li
      ref={setNodeRef}
      style={{ transform, transition }}
      aria-label={`${label}${name ? `: ${name}` : ""}`}
      // Its text fields ask whether this card is near the viewport (use-near-viewport.ts): one observed target per card.
      data-near-root=""
      {...useSceneFocus(id, index)}
      className={cn(
        "offscreen-skip rounded-xl bg-white ring-1 ring-ink-200",
        isDragging && "relative z-20 shadow-pop ring-2 ring-brand-400",
      )}
    >
      <SceneHeading
        activatorRef={setActivatorNodeRef}
        attributes={attributes}
        listeners={listeners}
        number={index + 1}
        dragLabel={`Drag to reorder ${label.toLowerCase()}`}
        className="border-b border-ink-100 px-3 py-2"
      >
        <Field label={`${label} name`} labelClassName="sr-only" className="min-w-[10rem] flex-1" error={fieldError(errors, `scenes.${index}.name`)}>
          <Input className="h-8 border-0 font-medium shadow-none ring-0 focus:ring-1" placeholder="Scene name" {...register(`scenes.${index}.name` as const)} />
        </Field>
        <SceneReviewSlot sceneId={id} />
        <ItemControls label={label} index={index} count={count} onMove={onMove} onRemove={onRemove} onDuplicate={onDuplicate} compact className="ml-auto shrink-0 gap-0" />
      </SceneHeading>
      <SceneCardBody
        id={id}
        rowKey={rowKey}
        index={index}
        name={name}
        control={control}
        register={register}
        errors={errors}
        onRegenerate={onRegenerate}
        regenerateDisabled={regenerateDisabled}
      />
    </li>
  );
});

/**
 * The card's media and text fields, memoised apart from the sortable shell: dnd-kit re-renders every useSortable
 * when its context changes (mount, each drag move), which must not re-render 600 text fields.
 */
const SceneCardBody = memo(function SceneCardBody({
  id,
  index,
  name,
  control,
  register,
  errors,
  onRegenerate,
  regenerateDisabled,
}: Props &
  RegenerateProps & {
    id: string;
    /**
     * Not read here, but part of the memo's comparison: a form reset (undo of a structural change, discard, restore,
     * a restored draft) gives every row a new key and forgets the registered inputs; re-rendering re-registers them
     * so they show the reset values.
     */
    rowKey: string;
    index: number;
    name: string | undefined;
  }) {
  const imageUrl = useWatch({ control, name: `scenes.${index}.image_url` as const });
  const narrationUrl = useWatch({ control, name: `scenes.${index}.narration_url` as const });
  const label = `Scene ${index + 1}`;
  return (
    <div className="grid gap-4 p-3 md:grid-cols-[13rem_1fr]">
      <div className="space-y-2">
        <UploadDropZone path={`scenes.${index}`} list="scenes" label={label}>
          <SceneImagePreview control={control} index={index} url={imageUrl} alt={name ? `${name}` : label} />
        </UploadDropZone>
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
        <ImageUploadControl control={control} path={`scenes.${index}`} list="scenes" label={label} />
      </div>
      <div className="grid gap-3 lg:grid-cols-2">
        <SceneTextFields index={index} control={control} register={register} errors={errors} layout="card" />
      </div>
    </div>
  );
});

/**
 * The card's image with its "may be out of date" hint. Its own component: the hint watches the image description,
 * and typing there must re-render this preview only, not the whole card body.
 */
function SceneImagePreview({ control, index, url, alt }: { control: Props["control"]; index: number; url: string | undefined; alt: string }) {
  const stale = useImageOutOfDate(control, `scenes.${index}`, "scenes");
  return <ImagePreview url={url} alt={alt} stale={stale} />;
}
