"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import {
  useWatch,
  type FieldValues,
  type Path,
  type PathValue,
  type UseFormRegister,
  type UseFormRegisterReturn,
  type UseFormReturn,
} from "react-hook-form";
import { Card, CardHeader } from "@/components/ui/card";
import { ASPECT_RATIOS, MOTION_TYPES, NARRATORS, type AspectRatio } from "@/lib/vimmerse/enums";
import type { AudioSettings } from "@/lib/validation/new-story";
import { ACCEPT_ATTRIBUTE, checkPickedImages, checkUploads, formatBytes, UPLOAD_LIMITS } from "@/lib/validation/uploads";
import { prepareImages } from "@/lib/uploads/prepare-images";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import { cn } from "@/lib/cn";

/**
 * Pieces shared by the New story form and the automatic-mode forms. They take registered fields, not a form
 * control, so each form keeps its own schema and types.
 */

const RATIO_LABEL: Record<AspectRatio, string> = {
  "16:9": "Landscape",
  "4:3": "Classic",
  "1:1": "Square",
  "3:4": "Portrait",
  "9:16": "Vertical",
};

export function AspectRatioPicker({ field, selected }: { field: UseFormRegisterReturn; selected: string | undefined }) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-ink-800">Aspect ratio</legend>
      <div className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-5">
        {ASPECT_RATIOS.map((ratio) => {
          const isSelected = selected === ratio;
          const [w, h] = ratio.split(":").map(Number);
          const scale = 28 / Math.max(w, h);
          return (
            <label
              key={ratio}
              className={cn(
                "flex cursor-pointer items-center gap-3 rounded-lg px-3 py-2.5 text-sm ring-1 ring-inset transition has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500",
                isSelected ? "bg-brand-50 ring-brand-400" : "bg-white ring-ink-200 hover:bg-ink-50",
              )}
            >
              <input type="radio" value={ratio} className="sr-only" aria-label={`${ratio} ${RATIO_LABEL[ratio]}`} {...field} />
              <span aria-hidden className="grid h-8 w-8 place-items-center">
                <span
                  className={cn("block rounded-sm border-2", isSelected ? "border-brand-500" : "border-ink-300")}
                  style={{ width: w * scale, height: h * scale }}
                />
              </span>
              <span>
                <span className="block font-medium text-ink-900">{ratio}</span>
                <span className="block text-xs text-ink-500">{RATIO_LABEL[ratio]}</span>
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

type CheckProps = React.InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  hint?: string;
  /** Without the box around it (dense option panels). */
  plain?: boolean;
  ref?: React.Ref<HTMLInputElement>;
};

export function Check({ label, hint, className, plain, ref, ...props }: CheckProps) {
  return (
    <label
      className={cn(
        "flex cursor-pointer items-start gap-3 rounded-lg has-[:disabled]:cursor-not-allowed has-[:disabled]:opacity-60",
        plain ? "gap-2.5" : "p-3 ring-1 ring-inset ring-ink-200",
        className,
      )}
    >
      <input ref={ref} type="checkbox" className="mt-0.5 h-4 w-4 rounded border-ink-300 accent-brand-600" {...props} />
      <span>
        <span className="block text-sm font-medium text-ink-900">{label}</span>
        {hint ? <span className="block text-xs text-ink-500">{hint}</span> : null}
      </span>
    </label>
  );
}

export function AudioFields({
  fields,
  nativeAudio,
  hasNarration,
  narratorError,
}: {
  fields: {
    hasBgMusic: UseFormRegisterReturn;
    hasNarration: UseFormRegisterReturn;
    nativeAudio: UseFormRegisterReturn;
    narrator: UseFormRegisterReturn;
  };
  nativeAudio: boolean | undefined;
  hasNarration: boolean | undefined;
  narratorError?: string;
}) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Check label="Background music" hint="Vimmerse composes music that fits the mood." {...fields.hasBgMusic} />
      <Check
        label="Narration"
        hint={nativeAudio ? "Off while native audio is on." : "A voice reads each scene's narration."}
        disabled={nativeAudio}
        {...fields.hasNarration}
      />
      <Check label="Native audio" hint="Sound effects and lip sync from the video model. Turns narration off." {...fields.nativeAudio} />
      <Field label="Narrator voice" error={narratorError}>
        <Select disabled={nativeAudio || !hasNarration} {...fields.narrator} options={NARRATORS} />
      </Field>
    </div>
  );
}

/** The sound settings of a form whose values have `audio` (narration turns off with native audio). */
export function AudioSection<T extends FieldValues & { audio: AudioSettings }>({ form }: { form: UseFormReturn<T> }) {
  const { register, control, setValue, formState } = form;
  const path = (key: keyof AudioSettings) => `audio.${key}` as Path<T>;
  const nativeAudio = useWatch({ control, name: path("nativeAudio") }) as boolean | undefined;
  const hasNarration = useWatch({ control, name: path("hasNarration") }) as boolean | undefined;
  return (
    <AudioFields
      fields={{
        hasBgMusic: register(path("hasBgMusic")),
        hasNarration: register(path("hasNarration")),
        nativeAudio: register(path("nativeAudio"), {
          onChange: (e: { target: { checked: boolean } }) => {
            if (e.target.checked) setValue(path("hasNarration"), false as PathValue<T, Path<T>>);
          },
        }),
        narrator: register(path("narrator")),
      }}
      nativeAudio={nativeAudio}
      hasNarration={hasNarration}
      narratorError={(formState.errors.audio as { narrator?: { message?: string } } | undefined)?.narrator?.message}
    />
  );
}

/** The "Sound" card of the start forms. */
export function SoundCard<T extends FieldValues & { audio: AudioSettings }>({
  form,
  description,
}: {
  form: UseFormReturn<T>;
  description?: string;
}) {
  return (
    <Card>
      <CardHeader title="Sound" description={description} />
      <div className="p-5">
        <AudioSection form={form} />
      </div>
    </Card>
  );
}

/** Registers the motion fields of a form that has them (numbers read as numbers). */
export function registerMotion<T extends FieldValues & { motionType: string; duration: number; loop: number }>(
  register: UseFormRegister<T>,
) {
  return {
    motionType: register("motionType" as Path<T>),
    duration: register("duration" as Path<T>, { valueAsNumber: true }),
    loop: register("loop" as Path<T>, { valueAsNumber: true }),
  };
}

/** Motion model, seconds per scene and repeats (step 3 and images-2-video). */
export function MotionFields({
  fields,
  errors,
  narrationOn,
}: {
  fields: { motionType: UseFormRegisterReturn; duration: UseFormRegisterReturn; loop: UseFormRegisterReturn };
  errors: { motionType?: { message?: string }; duration?: { message?: string }; loop?: { message?: string } };
  narrationOn: boolean;
}) {
  return (
    <>
      <Field label="Motion model" error={errors.motionType?.message}>
        <Select {...fields.motionType} options={MOTION_TYPES} />
      </Field>
      <Field
        label="Seconds per scene"
        error={errors.duration?.message}
        hint={narrationOn ? "Ignored while narration is on: scenes follow the voice." : "1 to 10."}
      >
        <Input type="number" min={1} max={10} inputMode="numeric" {...fields.duration} />
      </Field>
      <Field label="Motion repeats" error={errors.loop?.message} hint="1 to 6.">
        <Input type="number" min={1} max={6} inputMode="numeric" {...fields.loop} />
      </Field>
    </>
  );
}

export type ElementRowsProps = {
  one: string;
  many: string;
  hint: string;
  rows: { id: string }[];
  field: (index: number, key: "name" | "description" | "image_url") => UseFormRegisterReturn;
  error: (index: number, key: "name" | "description" | "image_url") => string | undefined;
  onAdd: () => void;
  onRemove: (index: number) => void;
};

export function ElementRows({ one, many, hint, rows, field, error, onAdd, onRemove }: ElementRowsProps) {
  return (
    <section aria-label={`Starting ${many.toLowerCase()}`} className="space-y-3">
      <div>
        <h3 className="text-sm font-semibold text-ink-900">{many}</h3>
        <p className="text-xs text-ink-500">{hint}</p>
      </div>
      {rows.map((row, i) => (
        <div key={row.id} className="space-y-2 rounded-lg bg-ink-50 p-3 ring-1 ring-ink-200">
          <Field label={`${one} ${i + 1} name`} error={error(i, "name")} labelClassName="text-xs">
            <Input {...field(i, "name")} />
          </Field>
          <Field label={`${one} ${i + 1} description`} error={error(i, "description")} labelClassName="text-xs">
            <Textarea rows={2} {...field(i, "description")} />
          </Field>
          <Field label={`${one} ${i + 1} image URL`} optional error={error(i, "image_url")} labelClassName="text-xs">
            <Input type="url" placeholder="https://" {...field(i, "image_url")} />
          </Field>
          <Button variant="ghost" size="sm" onClick={() => onRemove(i)}>
            Remove {one.toLowerCase()} {i + 1}
          </Button>
        </div>
      ))}
      <Button variant="secondary" size="sm" onClick={onAdd}>
        + Add {one.toLowerCase()}
      </Button>
    </section>
  );
}

export function ImageUrlRows({
  rows,
  field,
  error,
  onAdd,
  onRemove,
  disabled,
}: {
  rows: { id: string }[];
  field: (index: number) => UseFormRegisterReturn;
  error: (index: number) => string | undefined;
  onAdd: () => void;
  onRemove: (index: number) => void;
  disabled: boolean;
}) {
  return (
    <section aria-label="Image addresses" className="space-y-3">
      <div>
        <h3 className="text-sm font-medium text-ink-800">Or link images</h3>
        <p className="text-xs text-ink-500">
          {disabled ? "Uploaded files are used instead of links." : "Public http(s) addresses, one per scene."}
        </p>
      </div>
      {rows.map((row, i) => (
        <div key={row.id} className="flex items-start gap-2">
          <Field label={`Image ${i + 1} URL`} className="flex-1" labelClassName="sr-only" error={error(i)}>
            <Input type="url" placeholder="https://example.com/image.png" disabled={disabled} {...field(i)} />
          </Field>
          <Button variant="ghost" size="icon" aria-label={`Remove image ${i + 1} URL`} onClick={() => onRemove(i)}>
            ✕
          </Button>
        </div>
      ))}
      <Button variant="secondary" size="sm" disabled={disabled} onClick={onAdd}>
        + Add image URL
      </Button>
    </section>
  );
}

/**
 * File picker: the type is checked from the bytes, then large images are reduced in the browser (at most
 * 2048 px, JPEG) so that all of them fit one request (lib/uploads/prepare-images.ts); thumbnails of what is sent.
 */
export function ImageFilePicker({
  files,
  onChange,
  error,
  onError,
}: {
  files: File[];
  onChange: (files: File[]) => void;
  error: string | null;
  onError: (message: string | null) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [preparing, setPreparing] = useState(false);
  useEffect(() => {
    // Marks the picker as live (its change handler attached): files chosen earlier would be ignored.
    input.current?.setAttribute("data-ready", "true");
  }, []);
  const add = async (chosen: FileList | null) => {
    const picked = Array.from(chosen ?? []);
    if (input.current) input.current.value = "";
    if (!picked.length) return;
    const all = [...files, ...picked];
    const problem = await checkPickedImages(all);
    if (problem) return onError(problem);
    setPreparing(true);
    try {
      const prepared = await prepareImages(all);
      const tooBig = checkUploads(prepared);
      onError(tooBig);
      if (!tooBig) onChange(prepared);
    } catch {
      onError("These images could not be read by this browser. Try PNG or JPEG files.");
    } finally {
      setPreparing(false);
    }
  };
  return (
    <div className="space-y-3">
      <Field
        label="Upload images"
        error={error ?? undefined}
        hint={`PNG, JPEG or WebP, up to ${UPLOAD_LIMITS.maxFiles} images. Large images are reduced to ${UPLOAD_LIMITS.maxSide} px before sending (${formatBytes(UPLOAD_LIMITS.maxTotalBytes)} in total).`}
      >
        <input
          ref={input}
          type="file"
          multiple
          accept={ACCEPT_ATTRIBUTE}
          disabled={preparing}
          onChange={(e) => void add(e.target.files)}
          className="block w-full text-sm text-ink-600 file:mr-3 file:rounded-lg file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:text-sm file:font-medium file:text-brand-700 hover:file:bg-brand-100"
        />
      </Field>
      {preparing ? (
        <p role="status" className="text-sm text-ink-500">
          Preparing images…
        </p>
      ) : null}
      {files.length ? (
        <ul className="grid grid-cols-3 gap-2 sm:grid-cols-4" aria-label="Images to upload">
          {files.map((f, i) => (
            <FileThumb key={`${f.name}-${i}`} file={f} onRemove={() => onChange(files.filter((_, j) => j !== i))} />
          ))}
        </ul>
      ) : null}
    </div>
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

/** The red box above a form when the server refused it; lists Vimmerse's field messages when there are any. */
function SubmitError({ title, message, fieldErrors }: { title: string; message: string; fieldErrors?: Record<string, string> }) {
  return (
    <div role="alert" className="rounded-xl bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-200">
      <p className="font-semibold">{title}</p>
      <p className="mt-0.5">{message}</p>
      {fieldErrors && Object.keys(fieldErrors).length ? (
        <ul className="mt-1 list-disc pl-5">
          {Object.entries(fieldErrors).map(([k, v]) => (
            <li key={k}>
              <span className="font-mono text-xs">{k}</span>: {v}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** What the start forms show above their fields: a restored draft, or why the server refused the form. */
export function StartFormNotices({
  restored,
  onStartOver,
  error,
  title,
}: {
  restored: boolean;
  onStartOver: () => void;
  error: { code: string; message: string; fieldErrors?: Record<string, string> } | null;
  title: string;
}) {
  return (
    <>
      {restored ? <RestoredBanner onStartOver={onStartOver} /> : null}
      {error && error.code !== "validation" ? <SubmitError title={title} message={error.message} fieldErrors={error.fieldErrors} /> : null}
    </>
  );
}

function RestoredBanner({ onStartOver }: { onStartOver: () => void }) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 rounded-xl bg-sky-50 px-4 py-3 text-sm text-sky-900 ring-1 ring-sky-200">
      <span>We restored what you were typing before.</span>
      <Button variant="ghost" size="sm" onClick={onStartOver}>
        Start over
      </Button>
    </div>
  );
}
