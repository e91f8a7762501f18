"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { useFieldArray, useForm, useWatch, type Control, type FieldErrors, type UseFormRegister } from "react-hook-form";
import { toast } from "sonner";
import { createStory } from "@/lib/actions/stories";
import type { ActionError } from "@/lib/actions/result";
import { ASPECT_RATIOS, LANGUAGES, NARRATORS } from "@/lib/vimmerse/enums";
import { newStoryDefaults, newStorySchema, type NewStoryInput } from "@/lib/validation/new-story";
import { ACCEPT_ATTRIBUTE, checkUploads, formatBytes, UPLOAD_LIMITS } from "@/lib/validation/uploads";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import { cn } from "@/lib/cn";
import { useLocalDraft } from "./use-local-draft";
import { fieldError } from "@/components/editor/field-error";

const DRAFT_KEY = "storyboard-studio:new-story";

const RATIO_LABEL: Record<(typeof ASPECT_RATIOS)[number], string> = {
  "16:9": "Landscape",
  "4:3": "Classic",
  "1:1": "Square",
  "3:4": "Portrait",
  "9:16": "Vertical",
};

type ElementKey = "characters" | "environments" | "objects";
const ELEMENT_LABEL: Record<ElementKey, { one: string; many: string; hint: string }> = {
  characters: { one: "Character", many: "Characters", hint: "A hero, a mascot, a spokesperson." },
  environments: { one: "Environment", many: "Environments", hint: "A place every scene should match." },
  objects: { one: "Object", many: "Objects", hint: "A product or logo to keep consistent." },
};


export function NewStoryForm() {
  const router = useRouter();
  const draft = useLocalDraft<Omit<NewStoryInput, "requestId">>(DRAFT_KEY);
  const form = useForm<NewStoryInput>({
    resolver: zodResolver(newStorySchema),
    defaultValues: newStoryDefaults(),
    mode: "onTouched",
  });
  const { register, handleSubmit, control, formState, setError, setValue, reset, getValues } = form;
  const [files, setFiles] = useState<File[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);
  const [submitError, setSubmitError] = useState<ActionError | null>(null);
  const [restoredAt, setRestoredAt] = useState<string | null>(null);
  const restored = useRef(false);

  // Restore what was typed before a reload; keep saving as the user types.
  useEffect(() => {
    if (restored.current) return;
    restored.current = true;
    const saved = draft.read();
    if (saved?.value?.idea !== undefined) {
      reset({ ...newStoryDefaults(), ...saved.value, requestId: getValues("requestId") });
      // localStorage is only readable after hydration, so this state is set from an effect on purpose.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setRestoredAt(saved.savedAt);
    }
  }, [draft, reset, getValues]);
  useEffect(() => {
    return form.subscribe({
      formState: { values: true },
      callback: ({ values, name }) => {
        if (!name) return;
        const { requestId: _ignored, ...rest } = values;
        void _ignored;
        draft.write(rest);
      },
    });
  }, [form, draft]);

  const nativeAudio = useWatch({ control, name: "audio.nativeAudio" });
  const hasNarration = useWatch({ control, name: "audio.hasNarration" });
  const imageUrls = useWatch({ control, name: "imageUrls" });
  const imageCount = files.length || (imageUrls?.length ?? 0);
  useEffect(() => {
    if (nativeAudio) setValue("audio.hasNarration", false);
  }, [nativeAudio, setValue]);

  const mutation = useMutation({
    mutationFn: async (values: NewStoryInput) => {
      const body = new FormData();
      body.set("payload", JSON.stringify(values));
      for (const f of files) body.append("image_files", f);
      return createStory(body);
    },
    onSuccess: (result) => {
      if (result.ok) {
        draft.clear();
        toast.success("Storyboard requested. Vimmerse is writing it now.");
        router.push(`/stories/${result.data.storyId}`);
        return;
      }
      const error = result.error;
      setSubmitError(error);
      for (const [path, message] of Object.entries(error.fieldErrors ?? {})) {
        if (path === "imageFiles") setFileError(message);
        else if (path in getValues() || path.includes(".")) setError(path as keyof NewStoryInput, { message });
      }
      toast.error(error.message);
    },
    onError: () => {
      const error: ActionError = {
        code: "internal",
        message: "The server could not be reached. Check your connection; your idea is kept in this form.",
      };
      setSubmitError(error);
      toast.error(error.message);
    },
  });

  const onPickFiles = (list: FileList | null) => {
    const next = [...files, ...Array.from(list ?? [])];
    const problem = checkUploads(next);
    if (problem) {
      setFileError(problem);
      return;
    }
    setFileError(null);
    setFiles(next);
  };

  const submit = handleSubmit(
    (values) => {
      setSubmitError(null);
      if (mutation.isPending) return;
      mutation.mutate(values);
    },
    () => toast.error("Some fields need your attention."),
  );

  return (
    <form onSubmit={submit} noValidate className="space-y-6" aria-label="New story">
      {restoredAt ? (
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-xl bg-sky-50 px-4 py-3 text-sm text-sky-900 ring-1 ring-sky-200">
          <span>We restored what you were typing before.</span>
          <Button
            variant="ghost"
            size="sm"
            onClick={() => {
              draft.clear();
              reset(newStoryDefaults());
              setRestoredAt(null);
            }}
          >
            Start over
          </Button>
        </div>
      ) : null}
      {submitError && submitError.code !== "validation" ? (
        <div role="alert" className="rounded-xl bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-200">
          <p className="font-semibold">The storyboard was not created</p>
          <p className="mt-0.5">{submitError.message}</p>
          {submitError.fieldErrors ? (
            <ul className="mt-1 list-disc pl-5">
              {Object.entries(submitError.fieldErrors).map(([k, v]) => (
                <li key={k}>
                  <span className="font-mono text-xs">{k}</span>: {v}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

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
          <fieldset className="sm:col-span-2">
            <legend className="text-sm font-medium text-ink-800">Aspect ratio</legend>
            <div className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-5">
              {ASPECT_RATIOS.map((ratio) => (
                <AspectOption key={ratio} ratio={ratio} label={RATIO_LABEL[ratio]} register={register} control={control} />
              ))}
            </div>
          </fieldset>
        </div>
      </Card>

      <Card>
        <CardHeader title="Sound" description="Music, narration, or the scene's own sound." />
        <div className="grid gap-4 p-5 sm:grid-cols-2">
          <Check label="Background music" hint="Vimmerse composes music that fits the mood." {...register("audio.hasBgMusic")} />
          <Check
            label="Narration"
            hint={nativeAudio ? "Off while native audio is on." : "A voice reads each scene's narration."}
            disabled={nativeAudio}
            {...register("audio.hasNarration")}
          />
          <Check label="Native audio" hint="Sound effects and lip sync from the video model. Turns narration off." {...register("audio.nativeAudio")} />
          <Field label="Narrator voice" error={formState.errors.audio?.narrator?.message}>
            <Select disabled={nativeAudio || !hasNarration} {...register("audio.narrator")}>
              {NARRATORS.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </Select>
          </Field>
        </div>
      </Card>

      <Card>
        <CardHeader
          title="Starting elements"
          description="Optional. Characters, places or products that must appear, e.g. your hero or your logo."
        />
        <div className="grid gap-6 p-5 lg:grid-cols-3">
          {(Object.keys(ELEMENT_LABEL) as ElementKey[]).map((kind) => (
            <InitialElements key={kind} kind={kind} control={control} register={register} errors={formState.errors} />
          ))}
        </div>
      </Card>

      <Card>
        <CardHeader
          title="Reference images"
          description="Optional. Upload images or link them; the storyboard then has one scene per image."
        />
        <div className="grid gap-6 p-5 lg:grid-cols-2">
          <div className="space-y-3">
            <Field
              label="Upload images"
              error={fileError ?? undefined}
              hint={`PNG, JPEG or WebP, up to ${formatBytes(UPLOAD_LIMITS.maxFileBytes)} each, ${formatBytes(UPLOAD_LIMITS.maxTotalBytes)} in total.`}
            >
              <input
                type="file"
                multiple
                accept={ACCEPT_ATTRIBUTE}
                onChange={(e) => {
                  onPickFiles(e.target.files);
                  e.target.value = "";
                }}
                className="block w-full text-sm text-ink-600 file:mr-3 file:rounded-lg file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:text-sm file:font-medium file:text-brand-700 hover:file:bg-brand-100"
              />
            </Field>
            {files.length ? (
              <ul className="grid grid-cols-3 gap-2 sm:grid-cols-4" aria-label="Images to upload">
                {files.map((f, i) => (
                  <FileThumb key={`${f.name}-${i}`} file={f} onRemove={() => setFiles(files.filter((_, j) => j !== i))} />
                ))}
              </ul>
            ) : null}
          </div>
          <ImageUrls control={control} register={register} errors={formState.errors} disabled={files.length > 0} />
        </div>
      </Card>

      <div className="sticky bottom-0 z-10 -mx-4 flex flex-wrap items-center justify-end gap-3 border-t border-ink-200 bg-ink-50/95 px-4 py-3 backdrop-blur sm:mx-0 sm:rounded-xl sm:border sm:px-5">
        <p className="mr-auto text-xs text-ink-500">Writing a storyboard uses a few credits. Images and video come later, after your review.</p>
        <Button type="submit" size="lg" loading={mutation.isPending}>
          {mutation.isPending ? "Sending…" : "Write storyboard"}
        </Button>
      </div>
    </form>
  );
}

function AspectOption({
  ratio,
  label,
  register,
  control,
}: {
  ratio: (typeof ASPECT_RATIOS)[number];
  label: string;
  register: UseFormRegister<NewStoryInput>;
  control: Control<NewStoryInput>;
}) {
  const selected = useWatch({ control, name: "aspectRatio" }) === ratio;
  const [w, h] = ratio.split(":").map(Number);
  const scale = 28 / Math.max(w, h);
  return (
    <label
      className={cn(
        "flex cursor-pointer items-center gap-3 rounded-lg px-3 py-2.5 text-sm ring-1 ring-inset transition has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500",
        selected ? "bg-brand-50 ring-brand-400" : "bg-white ring-ink-200 hover:bg-ink-50",
      )}
    >
      <input type="radio" value={ratio} className="sr-only" aria-label={`${ratio} ${label}`} {...register("aspectRatio")} />
      <span aria-hidden className="grid h-8 w-8 place-items-center">
        <span
          className={cn("block rounded-sm border-2", selected ? "border-brand-500" : "border-ink-300")}
          style={{ width: w * scale, height: h * scale }}
        />
      </span>
      <span>
        <span className="block font-medium text-ink-900">{ratio}</span>
        <span className="block text-xs text-ink-500">{label}</span>
      </span>
    </label>
  );
}

type CheckProps = React.InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: string };
const Check = ({ label, hint, className, ref, ...props }: CheckProps & { ref?: React.Ref<HTMLInputElement> }) => (
  <label className={cn("flex cursor-pointer items-start gap-3 rounded-lg p-3 ring-1 ring-inset ring-ink-200 has-[:disabled]:cursor-not-allowed has-[:disabled]:opacity-60", className)}>
    <input ref={ref} type="checkbox" className="mt-0.5 h-4 w-4 rounded border-ink-300 accent-brand-600" {...props} />
    <span>
      <span className="block text-sm font-medium text-ink-900">{label}</span>
      {hint ? <span className="block text-xs text-ink-500">{hint}</span> : null}
    </span>
  </label>
);

function InitialElements({
  kind,
  control,
  register,
  errors,
}: {
  kind: ElementKey;
  control: Control<NewStoryInput>;
  register: UseFormRegister<NewStoryInput>;
  errors: FieldErrors<NewStoryInput>;
}) {
  const { fields, append, remove } = useFieldArray({ control, name: kind });
  const label = ELEMENT_LABEL[kind];
  return (
    <section aria-label={`Starting ${label.many.toLowerCase()}`} className="space-y-3">
      <div>
        <h3 className="text-sm font-semibold text-ink-900">{label.many}</h3>
        <p className="text-xs text-ink-500">{label.hint}</p>
      </div>
      {fields.map((f, i) => (
        <div key={f.id} className="space-y-2 rounded-lg bg-ink-50 p-3 ring-1 ring-ink-200">
          <Field label={`${label.one} ${i + 1} name`} error={fieldError(errors, `${kind}.${i}.name`)} labelClassName="text-xs">
            <Input {...register(`${kind}.${i}.name` as const)} />
          </Field>
          <Field label={`${label.one} ${i + 1} description`} error={fieldError(errors, `${kind}.${i}.description`)} labelClassName="text-xs">
            <Textarea rows={2} {...register(`${kind}.${i}.description` as const)} />
          </Field>
          <Field label={`${label.one} ${i + 1} image URL`} optional error={fieldError(errors, `${kind}.${i}.image_url`)} labelClassName="text-xs">
            <Input type="url" placeholder="https://" {...register(`${kind}.${i}.image_url` as const)} />
          </Field>
          <Button variant="ghost" size="sm" onClick={() => remove(i)}>
            Remove {label.one.toLowerCase()} {i + 1}
          </Button>
        </div>
      ))}
      <Button variant="secondary" size="sm" onClick={() => append({ name: "", description: "", image_url: "" })}>
        + Add {label.one.toLowerCase()}
      </Button>
    </section>
  );
}

function ImageUrls({
  control,
  register,
  errors,
  disabled,
}: {
  control: Control<NewStoryInput>;
  register: UseFormRegister<NewStoryInput>;
  errors: FieldErrors<NewStoryInput>;
  disabled: boolean;
}) {
  const { fields, append, remove } = useFieldArray({ control, name: "imageUrls" });
  return (
    <section aria-label="Image addresses" className="space-y-3">
      <div>
        <h3 className="text-sm font-medium text-ink-800">Or link images</h3>
        <p className="text-xs text-ink-500">{disabled ? "Uploaded files are used instead of links." : "Public http(s) addresses, one per scene."}</p>
      </div>
      {fields.map((f, i) => (
        <div key={f.id} className="flex items-start gap-2">
          <Field label={`Image ${i + 1} URL`} className="flex-1" labelClassName="sr-only" error={fieldError(errors, `imageUrls.${i}.url`)}>
            <Input type="url" placeholder="https://example.com/image.png" disabled={disabled} {...register(`imageUrls.${i}.url` as const)} />
          </Field>
          <Button variant="ghost" size="icon" aria-label={`Remove image ${i + 1} URL`} onClick={() => remove(i)}>
            ✕
          </Button>
        </div>
      ))}
      <Button variant="secondary" size="sm" disabled={disabled} onClick={() => append({ url: "" })}>
        + Add image URL
      </Button>
    </section>
  );
}

function FileThumb({ file, onRemove }: { file: File; onRemove: () => void }) {
  const url = useMemo(() => URL.createObjectURL(file), [file]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return (
    <li className="group relative overflow-hidden rounded-lg ring-1 ring-ink-200">
      {/* eslint-disable-next-line @next/next/no-img-element -- a local preview of the chosen file */}
      <img src={url} alt={file.name} className="aspect-square w-full object-cover" />
      <span className="absolute inset-x-0 bottom-0 truncate bg-ink-950/60 px-1.5 py-0.5 text-[10px] text-white">
        {file.name} · {formatBytes(file.size)}
      </span>
      <button
        type="button"
        onClick={onRemove}
        aria-label={`Remove ${file.name}`}
        className="absolute right-1 top-1 grid h-6 w-6 place-items-center rounded-full bg-white/90 text-xs text-ink-700 shadow hover:bg-white"
      >
        ✕
      </button>
    </li>
  );
}
