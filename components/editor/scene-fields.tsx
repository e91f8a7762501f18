"use client";

import type { Control, FieldErrors, UseFormRegister } from "react-hook-form";
import type { Storyboard } from "@/lib/validation/storyboard";
import { Field } from "@/components/ui/field";
import { fieldError } from "./field-error";
import { MentionTextarea, SceneMentions } from "./mentions";

/**
 * A scene's three text fields (with mention highlight and `@` menu) and its mentions: the same labels in the detailed
 * card (a two-column grid) and in the board's side panel (one column).
 */
export function SceneTextFields({
  index,
  control,
  register,
  errors,
  layout,
}: {
  index: number;
  control: Control<Storyboard>;
  register: UseFormRegister<Storyboard>;
  errors: FieldErrors<Storyboard>;
  layout: "card" | "panel";
}) {
  const label = `Scene ${index + 1}`;
  const wide = layout === "card" ? "lg:col-span-2" : undefined;
  return (
    <>
      <Field label={`${label} image description`} labelClassName="text-xs" className={wide} error={fieldError(errors, `scenes.${index}.image_description`)}>
        <MentionTextarea control={control} registration={register(`scenes.${index}.image_description` as const)} rows={layout === "panel" ? 4 : undefined} />
      </Field>
      <Field label={`${label} video description`} labelClassName="text-xs" error={fieldError(errors, `scenes.${index}.video_description`)}>
        <MentionTextarea control={control} registration={register(`scenes.${index}.video_description` as const)} />
      </Field>
      <Field label={`${label} narration`} labelClassName="text-xs" error={fieldError(errors, `scenes.${index}.narrator`)}>
        <MentionTextarea control={control} registration={register(`scenes.${index}.narrator` as const)} />
      </Field>
      {layout === "card" ? (
        <div className={wide}>
          <SceneMentions control={control} index={index} />
        </div>
      ) : (
        <SceneMentions control={control} index={index} />
      )}
    </>
  );
}
