"use client";

import { useWatch } from "react-hook-form";
import { createVideoFromIdea, createVideoFromImages } from "@/lib/actions/stories";
import { LANGUAGES } from "@/lib/vimmerse/enums";
import { narrationOn } from "@/lib/stories/model";
import type { IdeaToVideoForm as IdeaValues, ImagesToVideoForm as ImagesValues } from "@/lib/validation/auto";
import { ideaToVideoDefaults, imagesToVideoDefaults } from "@/lib/validation/start-defaults";
import { lazyZodResolver } from "@/lib/validation/lazy-resolver";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import { AspectRatioPicker, Check, ImageFilePicker, MotionFields, registerMotion, SoundCard, StartFormNotices } from "./form-parts";
import { ELEMENT_LABEL, ImageUrls, InitialElements } from "./new-story-form";
import { useStartForm } from "./use-start-form";
import { ideaCostInput, imagesCostInput, type CostEstimate } from "@/lib/stories/costs";
import { CostNote } from "@/components/production/costs";

/** The forms' schemas (shared with their actions) load on the form's first focus (issue 11). */
const ideaResolver = lazyZodResolver<IdeaValues>(() => import("@/lib/validation/auto").then((m) => m.ideaToVideoFormSchema));
const imagesResolver = lazyZodResolver<ImagesValues>(() => import("@/lib/validation/auto").then((m) => m.imagesToVideoFormSchema));

function LanguageSelect(props: React.SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Select {...props} options={LANGUAGES} />
  );
}

function SubmitBar({ pending, label, note, estimate }: { pending: boolean; label: string; note: string; estimate: CostEstimate | null }) {
  return (
    <div data-sticky className="sticky bottom-0 z-10 -mx-4 flex flex-wrap items-center justify-end gap-3 border-t border-ink-200 bg-ink-50/95 px-4 py-3 backdrop-blur sm:mx-0 sm:rounded-xl sm:border sm:px-5">
      <div className="mr-auto space-y-0.5">
        <p className="text-xs text-ink-500">{note}</p>
        {estimate ? <CostNote estimate={estimate} /> : null}
      </div>
      <Button type="submit" size="lg" loading={pending}>
        {pending ? "Sending…" : label}
      </Button>
    </div>
  );
}

/** Automatic mode: the whole video from an idea (POST /story/idea-2-video). */
export function IdeaToVideoForm() {
  const start = useStartForm<IdeaValues>({
    resolver: ideaResolver,
    defaults: ideaToVideoDefaults,
    draftKey: "storyboard-studio:idea-2-video",
    action: createVideoFromIdea,
    successMessage: "Video requested. Vimmerse is making it now.",
    cost: { input: (v) => ideaCostInput(v), what: "The whole video" },
  });
  const { register, control, formState } = start.form;
  const aspectRatio = useWatch({ control, name: "aspectRatio" });
  return (
    <form onSubmit={start.submit} onFocus={start.preload} noValidate className="space-y-6" aria-label="Video from an idea">
      <StartFormNotices restored={start.restored} onStartOver={start.startOver} error={start.submitError} title="The video was not started" />
      <Card>
        <CardHeader title="Your idea" description="Vimmerse writes the storyboard, draws the scenes and makes the video in one go." />
        <div className="space-y-5 p-5">
          <Field label="Idea" error={formState.errors.idea?.message}>
            <Textarea rows={5} placeholder="A winter commercial for a moisturiser, three friends camping in snowy mountains." {...register("idea")} />
          </Field>
          <div className="grid gap-5 sm:grid-cols-3">
            <Field label="Title" optional error={formState.errors.title?.message}>
              <Input {...register("title")} />
            </Field>
            <Field label="Number of scenes" error={formState.errors.sceneCount?.message}>
              <Input type="number" min={1} max={100} inputMode="numeric" {...register("sceneCount", { valueAsNumber: true })} />
            </Field>
            <Field label="Language" error={formState.errors.language?.message}>
              <LanguageSelect {...register("language")} />
            </Field>
          </div>
          <AspectRatioPicker field={register("aspectRatio")} selected={aspectRatio} />
        </div>
      </Card>
      <SoundCard form={start.form} />
      <Card>
        <CardHeader title="Starting elements" description="Optional. Characters, places or products that must appear." />
        <div className="grid gap-6 p-5 lg:grid-cols-3">
          {(Object.keys(ELEMENT_LABEL) as (keyof typeof ELEMENT_LABEL)[]).map((kind) => (
            <InitialElements key={kind} kind={kind} control={control} register={register} errors={formState.errors} />
          ))}
        </div>
      </Card>
      <SubmitBar pending={start.pending} estimate={start.estimate} label="Make the video" note="This makes the whole video at once and spends the credits for every step." />
    </form>
  );
}

/** Automatic mode: a video from your images (POST /story/images-2-video), one scene per image. */
export function ImagesToVideoForm() {
  const start = useStartForm<ImagesValues>({
    resolver: imagesResolver,
    defaults: imagesToVideoDefaults,
    draftKey: "storyboard-studio:images-2-video",
    action: createVideoFromImages,
    successMessage: "Video requested. Vimmerse is making it now.",
    cost: { input: (v, files) => imagesCostInput(v, files.length || (v.imageUrls?.filter((u) => u?.url).length ?? 0)), what: "The whole video" },
  });
  const { register, control, formState } = start.form;
  const aspectRatio = useWatch({ control, name: "aspectRatio" });
  const audio = useWatch({ control, name: "audio" });
  const narrating = narrationOn(audio);
  return (
    <form onSubmit={start.submit} onFocus={start.preload} noValidate className="space-y-6" aria-label="Video from images">
      <StartFormNotices restored={start.restored} onStartOver={start.startOver} error={start.submitError} title="The video was not started" />
      <Card>
        <CardHeader title="Your images" description="One scene per image, in this order. Uploaded files are used instead of addresses." />
        <div className="grid gap-6 p-5 lg:grid-cols-2">
          <ImageFilePicker files={start.files} onChange={start.setFiles} error={start.fileError} onError={start.setFileError} />
          <ImageUrls control={control} register={register} errors={formState.errors} disabled={start.files.length > 0} />
        </div>
      </Card>
      <Card>
        <CardHeader title="Story" />
        <div className="space-y-5 p-5">
          <Field label="Idea" optional hint="The story the images should tell." error={formState.errors.idea?.message}>
            <Textarea rows={3} placeholder="A cinematic tour of these landscapes at golden hour." {...register("idea")} />
          </Field>
          <div className="grid gap-5 sm:grid-cols-2">
            <Field label="Title" optional error={formState.errors.title?.message}>
              <Input {...register("title")} />
            </Field>
            <Field label="Visibility" error={formState.errors.visibility?.message}>
              <Select {...register("visibility")}>
                <option value="0">Private</option>
                <option value="1">Unlisted</option>
                <option value="2">Public</option>
              </Select>
            </Field>
          </div>
          <Field label="Description" optional error={formState.errors.description?.message}>
            <Textarea rows={2} {...register("description")} />
          </Field>
          <AspectRatioPicker field={register("aspectRatio")} selected={aspectRatio} />
        </div>
      </Card>
      <Card>
        <CardHeader title="Motion" />
        <div className="grid gap-5 p-5 sm:grid-cols-2 lg:grid-cols-4">
          <MotionFields
            fields={registerMotion(register)}
            errors={formState.errors}
            narrationOn={narrating}
          />
          <Field label="Language" error={formState.errors.language?.message}>
            <LanguageSelect {...register("language")} />
          </Field>
          <Check className="sm:col-span-2" label="Transitions between scenes" hint="Smoother, takes longer." {...register("isTransition")} />
        </div>
      </Card>
      <SoundCard form={start.form} />
      <SubmitBar pending={start.pending} estimate={start.estimate} label="Make the video" note="This makes the whole video at once and spends the credits for every step." />
    </form>
  );
}
