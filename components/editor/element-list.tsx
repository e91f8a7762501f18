"use client";

import { memo, useCallback, useRef, useState } from "react";
import { renameMentions } from "@/lib/stories/mentions";
import { useFieldArray, useWatch, type Control, type FieldErrors, type UseFormRegister } from "react-hook-form";
import type { ElementKind, Storyboard } from "@/lib/validation/storyboard";
import { newElement } from "@/lib/stories/model";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { ImagePreview } from "./media-preview";
import { fieldError } from "./field-error";
import { ItemControls } from "./item-controls";
import { useEditorTools } from "./use-editor-history";
import { useScenesMentioning } from "./mention-index";
import { ImageUploadControl, UploadDropZone, useImageOutOfDate } from "./image-upload";

export const ELEMENT_NAMES: Record<ElementKind, { one: string; many: string; description: string }> = {
  characters: { one: "Character", many: "Characters", description: "Who appears. Scenes mention them as **Name**." },
  environments: { one: "Environment", many: "Environments", description: "Where scenes take place." },
  objects: { one: "Object", many: "Objects", description: "Props, products and logos that must stay consistent." },
};

type Props = {
  kind: ElementKind;
  control: Control<Storyboard>;
  register: UseFormRegister<Storyboard>;
  errors: FieldErrors<Storyboard>;
};

export function ElementList({ kind, control, register, errors }: Props) {
  // Cards are keyed by the element's own id (our stable id), not by react-hook-form's generated one.
  const { fields, append, remove: removeRow, move: moveRow } = useFieldArray({ control, name: kind, keyName: "rowKey" });
  const names = ELEMENT_NAMES[kind];
  const { change } = useEditorTools();
  const remove = useCallback(
    (i: number) =>
      change(`Remove ${names.one.toLowerCase()} ${i + 1}`, () => removeRow(i), { toast: `${names.one} ${i + 1} removed` }),
    [change, removeRow, names],
  );
  const move = useCallback(
    (from: number, to: number) => change(`Move ${names.one.toLowerCase()} ${from + 1}`, () => moveRow(from, to)),
    [change, moveRow, names],
  );
  return (
    <div className="space-y-3">
      {fields.length === 0 ? (
        <p className="rounded-lg border border-dashed border-ink-200 px-4 py-6 text-center text-sm text-ink-500">
          No {names.many.toLowerCase()} yet.
        </p>
      ) : (
        <ol className="grid gap-3 md:grid-cols-2">
          {fields.map((f, i) => (
            <ElementCard
              key={f.id ?? f.rowKey}
              kind={kind}
              index={i}
              count={fields.length}
              control={control}
              register={register}
              errors={errors}
              onRemove={remove}
              onMove={move}
            />
          ))}
        </ol>
      )}
      <Button variant="secondary" size="sm" onClick={() => change(`Add ${names.one.toLowerCase()}`, () => append(newElement(), { shouldFocus: true }))}>
        + Add {names.one.toLowerCase()}
      </Button>
    </div>
  );
}

const ElementCard = memo(function ElementCard({
  kind,
  index,
  count,
  control,
  register,
  errors,
  onRemove,
  onMove,
}: Props & { index: number; count: number; onRemove: (i: number) => void; onMove: (a: number, b: number) => void }) {
  const one = ELEMENT_NAMES[kind].one;
  const label = `${one} ${index + 1}`;
  const imageUrl = useWatch({ control, name: `${kind}.${index}.image_url` as const });
  const name = useWatch({ control, name: `${kind}.${index}.name` as const });
  const where = useScenesMentioning(name);
  const stale = useImageOutOfDate(control, `${kind}.${index}`, kind);
  const { change, getValues, setValue } = useEditorTools();
  const nameAtFocus = useRef<string | null>(null);
  const [offer, setOffer] = useState<{ from: string; to: string; count: number } | null>(null);
  const nameField = register(`${kind}.${index}.name` as const);
  const path = `${kind}.${index}.name`;
  const updateMentions = () => {
    if (!offer || !getValues || !setValue) return;
    change(
      `Rename ${offer.from} to ${offer.to} everywhere`,
      () => {
        for (const u of renameMentions(getValues(), offer.from, offer.to)) setValue(`scenes.${u.index}.${u.field}`, u.text, { shouldDirty: true });
      },
      { withFieldEdit: path },
    );
    setOffer(null);
  };
  return (
    <li className="flex gap-3 rounded-xl bg-white p-3 ring-1 ring-ink-200" aria-label={`${label}${name ? `: ${name}` : ""}`}>
      <UploadDropZone path={`${kind}.${index}`} list={kind} label={label} className="w-28 shrink-0 self-start">
        <ImagePreview url={imageUrl} alt={name ? `${name}` : label} ratio="aspect-square" stale={stale} />
      </UploadDropZone>
      <div className="min-w-0 flex-1 space-y-2">
        <Field label={`${label} name`} labelClassName="text-xs" error={fieldError(errors, `${kind}.${index}.name`)}>
          <Input
            {...nameField}
            onFocus={(e) => {
              nameAtFocus.current = e.target.value;
            }}
            onBlur={(e) => {
              void nameField.onBlur(e);
              const from = nameAtFocus.current?.trim() ?? "";
              const to = e.target.value.trim();
              nameAtFocus.current = null;
              if (!getValues || !from || !to || from === to) return;
              const count = renameMentions(getValues(), from, to).length;
              setOffer(count ? { from, to, count } : null);
            }}
          />
        </Field>
        <Field label={`${label} description`} labelClassName="text-xs" error={fieldError(errors, `${kind}.${index}.description`)}>
          <Textarea rows={3} {...register(`${kind}.${index}.description` as const)} />
        </Field>
        <Field label={`${label} image URL`} labelClassName="text-xs" optional error={fieldError(errors, `${kind}.${index}.image_url`)}>
          <Input type="url" placeholder="https://" {...register(`${kind}.${index}.image_url` as const)} />
        </Field>
        <ImageUploadControl control={control} path={`${kind}.${index}`} list={kind} label={label} />
        {offer ? (
          <div role="group" aria-label={`Rename mentions of ${offer.from}`} className="space-y-2 rounded-lg bg-sky-50 p-2 text-xs text-sky-900 ring-1 ring-sky-200">
            <p>
              Scenes still mention <strong>**{offer.from}**</strong> ({offer.count} {offer.count === 1 ? "field" : "fields"}).
            </p>
            <div className="flex flex-wrap gap-2">
              <Button size="sm" onClick={updateMentions}>
                Update mentions to {offer.to}
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setOffer(null)}>
                Keep them
              </Button>
            </div>
          </div>
        ) : null}
        <p className="text-xs text-ink-500">{where ? `Appears in scenes ${where}` : "Not mentioned in any scene yet"}</p>
        <ItemControls label={label} index={index} count={count} onMove={onMove} onRemove={onRemove} className="flex-wrap" />
      </div>
    </li>
  );
});
