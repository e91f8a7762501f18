"use client";

import { useFieldArray, useWatch, type Control, type FieldErrors, type UseFormRegister } from "react-hook-form";
import { createStory } from "@/lib/actions/stories";
import { LANGUAGES } from "@/lib/vimmerse/enums";
import type { NewStoryInput } from "@/lib/validation/new-story";
import { newStoryDefaults } from "@/lib/validation/start-defaults";
import { lazyZodResolver } from "@/lib/validation/lazy-resolver";
import { fieldError } from "@/components/editor/field-error";
import { Button } from "@/components/ui/button";
import { CostNote } from "@/components/production/costs";
import { Card, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { AspectRatioPicker, SoundCard, ElementRows, ImageFilePicker, ImageUrlRows, StartFormNotices } from "./form-parts";
import { useStartForm } from "./use-start-form";

type ElementKey = "characters" | "environments" | "objects";
export const ELEMENT_LABEL: Record<ElementKey, { one: string; many: string; hint: string }> = {
  characters: { one: "Character", many: "Characters", hint: "A hero, a mascot, a spokesperson." },
  environments: { one: "Environment", many: "Environments", hint: "A place every scene should match." },
  objects: { one: "Object", many: "Objects", hint: "A product or logo to keep consistent." },
};

/** The form's schema (shared with the createStory action) loads on the form's first focus (issue 11). */
const newStoryResolver = lazyZodResolver<NewStoryInput>(() => import("@/lib/validation/new-story").then((m) => m.newStorySchema));

/** Step 1: the idea and settings Vimmerse writes the storyboard from. */
export function NewStoryForm() {
  const start = useStartForm<NewStoryInput>({
    resolver: newStoryResolver,
    defaults: newStoryDefaults,
    draftKey: "storyboard-studio:new-story",
    action: createStory,
    successMessage: "Storyboard requested. Vimmerse is writing it now.",
    cost: { input: (v, files) => ({ step: "storyboard", sceneCount: files.length || v.imageUrls?.length || v.sceneCount }), what: "Writing the storyboard" },
  });
  const { register, control, formState } = start.form;
  const aspectRatio = useWatch({ control, name: "aspectRatio" });
  const imageUrls = useWatch({ control, name: "imageUrls" });
  const imageCount = start.files.length || (imageUrls?.length ?? 0);

  return (
    <form onSubmit={start.submit} onFocus={start.preload} noValidate className="space-y-6" aria-label="New story">
      <StartFormNotices restored={start.restored} onStartOver={start.startOver} error={start.submitError} title="The storyboard was not created" />

      <Card>
        <CardHeader title="Your idea" description="What should the video be about? Vimmerse writes the storyboard from this." />
        <div className="space-y-5 p-5">
          <Field label="Idea" error={formState.errors.idea?.message} hint="Who is in it, where it happens, the mood and style.">
            <Textarea
              rows={5}
              placeholder="A promotional video where cute animals play musical instruments in a flower field, Pixar style."
              {...register("idea")}
            />
          </Field>
          <Field label="Title" optional error={formState.errors.title?.message}>
            <Input placeholder="Give the story a working title" {...register("title")} />
          </Field>
        </div>
      </Card>

      <Card>
        <CardHeader title="Format" />
        <div className="grid gap-5 p-5 sm:grid-cols-2">
          <Field
            label="Number of scenes"
            error={formState.errors.sceneCount?.message}
            hint={imageCount ? `Follows your images: ${imageCount} ${imageCount === 1 ? "scene" : "scenes"}.` : "1 to 100."}
          >
            <Input type="number" min={1} max={100} inputMode="numeric" disabled={imageCount > 0} {...register("sceneCount", { valueAsNumber: true })} />
          </Field>
          <Field label="Language" error={formState.errors.language?.message} hint="Used for narration and lyrics.">
            <Input list="language-options" autoComplete="off" {...register("language")} />
          </Field>
          <datalist id="language-options">
            {LANGUAGES.map((l) => (
              <option key={l} value={l} />
            ))}
          </datalist>
          <div className="sm:col-span-2">
            <AspectRatioPicker field={register("aspectRatio")} selected={aspectRatio} />
          </div>
        </div>
      </Card>

      <SoundCard form={start.form} description="Music, narration, or the scene's own sound." />

      <Card>
        <CardHeader title="Starting elements" description="Optional. Characters, places or products that must appear, e.g. your hero or your logo." />
        <div className="grid gap-6 p-5 lg:grid-cols-3">
          {(Object.keys(ELEMENT_LABEL) as ElementKey[]).map((kind) => (
            <InitialElements key={kind} kind={kind} control={control} register={register} errors={formState.errors} />
          ))}
        </div>
      </Card>

      <Card>
        <CardHeader title="Reference images" description="Optional. Upload images or link them; the storyboard then has one scene per image." />
        <div className="grid gap-6 p-5 lg:grid-cols-2">
          <ImageFilePicker files={start.files} onChange={start.setFiles} error={start.fileError} onError={start.setFileError} />
          <ImageUrls control={control} register={register} errors={formState.errors} disabled={start.files.length > 0} />
        </div>
      </Card>

      <div data-sticky className="sticky bottom-0 z-10 -mx-4 flex flex-wrap items-center justify-end gap-3 border-t border-ink-200 bg-ink-50/95 px-4 py-3 backdrop-blur sm:mx-0 sm:rounded-xl sm:border sm:px-5">
        <div className="mr-auto space-y-0.5">
          <p className="text-xs text-ink-500">Writing a storyboard uses a few credits. Images and video come later, after your review.</p>
          {start.estimate ? <CostNote estimate={start.estimate} /> : null}
        </div>
        <Button type="submit" size="lg" loading={start.pending}>
          {start.pending ? "Sending…" : "Write storyboard"}
        </Button>
      </div>
    </form>
  );
}

export function InitialElements<T extends Pick<NewStoryInput, ElementKey>>({
  kind,
  control,
  register,
  errors,
}: {
  kind: ElementKey;
  control: Control<T>;
  register: UseFormRegister<T>;
  errors: FieldErrors<T>;
}) {
  const c = control as unknown as Control<Pick<NewStoryInput, ElementKey>>;
  const r = register as unknown as UseFormRegister<Pick<NewStoryInput, ElementKey>>;
  const { fields, append, remove } = useFieldArray({ control: c, name: kind });
  return (
    <ElementRows
      {...ELEMENT_LABEL[kind]}
      rows={fields}
      field={(i, key) => r(`${kind}.${i}.${key}` as const)}
      error={(i, key) => fieldError(errors, `${kind}.${i}.${key}`)}
      onAdd={() => append({ name: "", description: "", image_url: "" })}
      onRemove={remove}
    />
  );
}

export function ImageUrls<T extends { imageUrls: { url: string }[] }>({
  control,
  register,
  errors,
  disabled,
}: {
  control: Control<T>;
  register: UseFormRegister<T>;
  errors: FieldErrors<T>;
  disabled: boolean;
}) {
  const c = control as unknown as Control<{ imageUrls: { url: string }[] }>;
  const r = register as unknown as UseFormRegister<{ imageUrls: { url: string }[] }>;
  const { fields, append, remove } = useFieldArray({ control: c, name: "imageUrls" });
  return (
    <ImageUrlRows
      rows={fields}
      field={(i) => r(`imageUrls.${i}.url` as const)}
      error={(i) => fieldError(errors, `imageUrls.${i}.url`)}
      onAdd={() => append({ url: "" })}
      onRemove={remove}
      disabled={disabled}
    />
  );
}
