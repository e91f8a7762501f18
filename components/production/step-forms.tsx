"use client";

import { useForm, useWatch, type FieldErrors, type UseFormRegisterReturn } from "react-hook-form";
import { ASPECT_RATIOS, IMAGE_OPTIONS, NARRATORS } from "@/lib/vimmerse/enums";
import { Check, MotionFields, registerMotion } from "@/components/stories/form-parts";
import type { ElementsOptions, ScenesOptions, VideosOptions } from "@/lib/validation/steps";
import { lazyZodResolver } from "@/lib/validation/lazy-resolver";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import type { CostEstimate } from "@/lib/stories/costs";
import { CostNote } from "./costs";

/** The estimate of what the form's current options would cost, shown beside its button. */
type Costed<T> = { estimate?: (options: T) => CostEstimate; workspaceCredits?: number | null };

/** The step forms' schemas (shared with the runStep action) load on the form's first focus (issue 11). */
const steps = () => import("@/lib/validation/steps");
const elementsResolver = lazyZodResolver<ElementsOptions>(() => steps().then((m) => m.elementsOptionsSchema));
const scenesResolver = lazyZodResolver<ScenesOptions>(() => steps().then((m) => m.scenesOptionsSchema));
const videosResolver = lazyZodResolver<VideosOptions>(() => steps().then((m) => m.videosOptionsSchema));

const seedInput = { setValueAs: (v: unknown) => (v === "" || v === null || v === undefined ? undefined : Number(v)) };


type ImageFields = { option: UseFormRegisterReturn; aspectRatio: UseFormRegisterReturn; seed: UseFormRegisterReturn };

function ImageOptions({ fields, errors, prefix }: { fields: ImageFields; errors: FieldErrors<ElementsOptions>; prefix: string }) {
  return (
    <>
      <Field label={`${prefix} image model`} error={errors.option?.message}>
        <Select {...fields.option} options={IMAGE_OPTIONS} />
      </Field>
      <Field label={`${prefix} aspect ratio`} error={errors.aspectRatio?.message}>
        <Select {...fields.aspectRatio} options={ASPECT_RATIOS} />
      </Field>
      <Field label={`${prefix} seed`} optional error={errors.seed?.message} hint="The same seed gives similar pictures.">
        <Input type="number" min={0} inputMode="numeric" placeholder="Random" {...fields.seed} />
      </Field>
    </>
  );
}

export function ElementsStepForm({
  defaults,
  pending,
  disabled,
  onSubmit,
  estimate,
  workspaceCredits = null,
}: {
  defaults: ElementsOptions;
  pending: boolean;
  disabled?: boolean;
  onSubmit: (o: ElementsOptions) => void;
} & Costed<ElementsOptions>) {
  const { register, handleSubmit, formState, control } = useForm<ElementsOptions>({ resolver: elementsResolver, defaultValues: defaults });
  const values = useWatch({ control }) as ElementsOptions;
  return (
    <form onSubmit={handleSubmit(onSubmit)} onFocus={elementsResolver.preload} noValidate className="space-y-4" aria-label="Element images options">
      <div className="grid gap-4 sm:grid-cols-3">
        <ImageOptions fields={{ option: register("option"), aspectRatio: register("aspectRatio"), seed: register("seed", seedInput) }} errors={formState.errors} prefix="Element" />
      </div>
      <Check plain label="Enhance images" hint="1× super-resolution after generation." {...register("enhanceImage")} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" loading={pending} disabled={disabled}>
          Generate element images
        </Button>
        <p className="text-xs text-ink-500">Elements that already have an image keep it. Uses credits.</p>
      </div>
      {estimate ? <CostNote estimate={estimate(values)} workspaceCredits={workspaceCredits} /> : null}
    </form>
  );
}

export function ScenesStepForm({
  defaults,
  pending,
  disabled,
  onSubmit,
  estimate,
  workspaceCredits = null,
}: {
  defaults: ScenesOptions;
  pending: boolean;
  disabled?: boolean;
  onSubmit: (o: ScenesOptions) => void;
} & Costed<ScenesOptions>) {
  const { register, handleSubmit, formState, control } = useForm<ScenesOptions>({ resolver: scenesResolver, defaultValues: defaults });
  const values = useWatch({ control }) as ScenesOptions;
  const nativeAudio = useWatch({ control, name: "nativeAudio" });
  const hasNarration = useWatch({ control, name: "hasNarration" });
  return (
    <form onSubmit={handleSubmit(onSubmit)} onFocus={scenesResolver.preload} noValidate className="space-y-4" aria-label="Scene images options">
      <div className="grid gap-4 sm:grid-cols-3">
        <ImageOptions fields={{ option: register("option"), aspectRatio: register("aspectRatio"), seed: register("seed", seedInput) }} errors={formState.errors} prefix="Scene" />
      </div>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Check plain label="Enhance images" {...register("enhanceImage")} />
        <Check plain label="Use element images" hint="Keeps characters consistent." {...register("generateElements")} />
        <Check plain label="Background music" {...register("hasBgMusic")} />
        <Check plain label="Native audio" hint="Sound effects and lip sync; no narration." {...register("nativeAudio")} />
        <Check plain label="Narration" disabled={nativeAudio} {...register("hasNarration")} />
        <Field label="Narrator voice" error={formState.errors.narrator?.message}>
          <Select disabled={nativeAudio || !hasNarration} {...register("narrator")} options={NARRATORS} />
        </Field>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" loading={pending} disabled={disabled}>
          Generate scene images
        </Button>
        <p className="text-xs text-ink-500">Only scenes without an image get one; narration and music are added. Uses credits.</p>
      </div>
      {estimate ? <CostNote estimate={estimate(values)} workspaceCredits={workspaceCredits} /> : null}
    </form>
  );
}

export function VideosStepForm({
  defaults,
  pending,
  disabled,
  narrationOn,
  onSubmit,
  estimate,
  workspaceCredits = null,
}: {
  defaults: VideosOptions;
  pending: boolean;
  disabled?: boolean;
  narrationOn: boolean;
  onSubmit: (o: VideosOptions) => void;
} & Costed<VideosOptions>) {
  const { register, handleSubmit, formState, control } = useForm<VideosOptions>({ resolver: videosResolver, defaultValues: defaults });
  const values = useWatch({ control }) as VideosOptions;
  return (
    <form onSubmit={handleSubmit(onSubmit)} onFocus={videosResolver.preload} noValidate className="space-y-4" aria-label="Video options">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <MotionFields
          fields={registerMotion(register)}
          errors={formState.errors}
          narrationOn={narrationOn}
        />
        <Field label="Video title" optional error={formState.errors.title?.message}>
          <Input {...register("title")} />
        </Field>
      </div>
      <Check plain label="Transitions between scenes" hint="Smoother, takes longer." {...register("isTransition")} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" loading={pending} disabled={disabled}>
          Make the video
        </Button>
        <p className="text-xs text-ink-500">Animates every scene and composes the final video. This is the step that spends the most credits.</p>
      </div>
      {estimate ? <CostNote estimate={estimate(values)} workspaceCredits={workspaceCredits} /> : null}
    </form>
  );
}
