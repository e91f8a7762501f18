"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { formatDistanceToNow } from "date-fns";
import { useCallback, useEffect, useRef, useState } from "react";
import { useForm, useFormState, useWatch, type Control } from "react-hook-form";
import { toast } from "sonner";
import { saveStoryboard } from "@/lib/actions/stories";
import { storyboardSchema, ELEMENT_KINDS, type Storyboard } from "@/lib/validation/storyboard";
import { fillMissingMedia } from "@/lib/stories/merge";
import { isActive, type StoryStatusView } from "@/lib/stories/stages";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { StatusBadge } from "@/components/stories/status-badge";
import { StoryActions } from "@/components/stories/story-actions";
import { ProductionPanel, useRegenerateScene } from "@/components/production/production-panel";
import type { StepDefaults } from "@/lib/validation/steps";
import { useLocalDraft } from "@/components/stories/use-local-draft";
import { useLeaveGuard } from "@/components/stories/use-leave-guard";
import { useStoryStatus } from "@/components/stories/use-story-status";
import { ElementList, ELEMENT_NAMES } from "./element-list";
import { SceneList } from "./scene-list";
import { fieldError } from "./field-error";

type Draft = { baseVersion: number; storyboard: Storyboard };
type Conflict = { version: number; storyboard: Storyboard | null; savedAt: string };

/** Form values always carry a title scene so its fields can be edited; an empty one is dropped on save. */
function toFormValues(board: Storyboard): Storyboard {
  return { ...board, title_scene: board.title_scene ?? { title: "", description: "" } };
}
function fromFormValues(values: Storyboard): Storyboard {
  const { title_scene, ...rest } = values;
  return title_scene && (title_scene.title || title_scene.description) ? { ...rest, title_scene } : rest;
}

export function StoryEditor({
  status: initialStatus,
  storyboard,
  version: serverVersion,
  idea,
  defaults,
}: {
  status: StoryStatusView;
  storyboard: Storyboard;
  version: number;
  idea: string;
  defaults: StepDefaults;
}) {
  const storyId = initialStatus.id;
  const { data: status = initialStatus } = useStoryStatus(initialStatus);
  const [baseVersion, setBaseVersion] = useState(serverVersion);
  /** The last version known to be on the server: what "Discard" goes back to. */
  const [saved, setSaved] = useState<{ version: number; board: Storyboard }>({ version: serverVersion, board: storyboard });
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [restoredAt, setRestoredAt] = useState<string | null>(null);
  const draft = useLocalDraft<Draft>(`storyboard-studio:draft:${storyId}`);

  const form = useForm<Storyboard>({
    resolver: zodResolver(storyboardSchema),
    defaultValues: toFormValues(storyboard),
    mode: "onBlur",
  });
  const { register, control, handleSubmit, reset, getValues } = form;
  const { isDirty, errors } = useFormState({ control });
  useLeaveGuard(isDirty);

  // Bring back unsaved edits from a previous visit (reload, crash, failed save).
  const restored = useRef(false);
  useEffect(() => {
    if (restored.current) return;
    restored.current = true;
    const saved = draft.read();
    if (!saved) return;
    if (JSON.stringify(saved.value.storyboard) === JSON.stringify(toFormValues(storyboard))) {
      draft.clear();
      return;
    }
    reset(toFormValues(saved.value.storyboard), { keepDefaultValues: true });
    // localStorage is only readable after hydration, so this state is set from an effect on purpose.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setBaseVersion(saved.value.baseVersion);
    setRestoredAt(saved.savedAt);
  }, [draft, reset, storyboard]);

  // Keep a draft of every edit, without re-rendering the form.
  const baseRef = useRef(baseVersion);
  useEffect(() => {
    baseRef.current = baseVersion;
  }, [baseVersion]);
  useEffect(() => {
    return form.subscribe({
      formState: { values: true },
      callback: ({ values, name }) => {
        if (name) draft.write({ baseVersion: baseRef.current, storyboard: values });
      },
    });
  }, [form, draft]);

  const mutation = useMutation({
    mutationFn: (args: { base: number; board: Storyboard }) =>
      saveStoryboard({ storyId, baseVersion: args.base, storyboard: fromFormValues(args.board) }),
    onSuccess: (result, args) => {
      if (result.ok) {
        // What the server stored: what was sent, plus generated media that arrived meanwhile (merged server-side).
        const stored = result.data.storyboard ?? fromFormValues(args.board);
        baseRef.current = result.data.version;
        setBaseVersion(result.data.version);
        setSavedAt(result.data.savedAt);
        setConflict(null);
        setRestoredAt(null);
        setSaved({ version: result.data.version, board: stored });
        // Anything typed while the save was in flight stays (and stays unsaved).
        reset(toFormValues(stored), { keepDirtyValues: true });
        if (JSON.stringify(fromFormValues(getValues())) === JSON.stringify(stored)) draft.clear();
        else draft.write({ baseVersion: result.data.version, storyboard: getValues() });
        toast.success(`Saved as version ${result.data.version}`);
        return;
      }
      if (result.error.code === "conflict") {
        setConflict(result.error.details as Conflict);
        return;
      }
      toast.error(result.error.message, { description: "Your edits are kept in this browser until they are saved." });
    },
    onError: () => {
      toast.error("The server could not be reached. Your edits are kept in this browser; try saving again.");
    },
  });

  /** Paid steps use the saved storyboard: save unsaved edits first. */
  const isDirtyRef = useRef(isDirty);
  useEffect(() => {
    isDirtyRef.current = isDirty;
  }, [isDirty]);
  const mutationRef = useRef(mutation);
  useEffect(() => {
    mutationRef.current = mutation;
  });
  const ensureSaved = useCallback(async (): Promise<boolean> => {
    if (!isDirtyRef.current) return true;
    let ok = false;
    await handleSubmit(
      async (values) => {
        const result = await mutationRef.current.mutateAsync({ base: baseRef.current, board: values });
        ok = result.ok;
      },
      () => toast.error("Some fields need your attention before saving."),
    )();
    return ok;
  }, [handleSubmit]);

  // New media from a finished step arrive as a new saved version: take them in without losing unsaved edits.
  useEffect(() => {
    if (status.version <= baseRef.current) return;
    let cancelled = false;
    void (async () => {
      const res = await fetch(`/api/stories/${storyId}/storyboard?since=${baseRef.current}`, { cache: "no-store" });
      if (!res.ok || cancelled) return;
      const next = (await res.json()) as { version: number; storyboard: Storyboard; sources: string[] };
      if (cancelled || next.version <= baseRef.current) return;
      if (!isDirtyRef.current) {
        reset(toFormValues(next.storyboard));
      } else if (next.sources.every((source) => source === "upstream")) {
        reset(toFormValues(next.storyboard), { keepDirtyValues: true });
      } else {
        return; // Someone else edited it: saving will show the conflict and let the user choose.
      }
      setBaseVersion(next.version);
      setSaved({ version: next.version, board: next.storyboard });
    })();
    return () => {
      cancelled = true;
    };
  }, [status.version, storyId, reset]);

  const regenerate = useRegenerateScene(storyId);
  const sendRegenerate = useRef(regenerate.send);
  useEffect(() => {
    sendRegenerate.current = regenerate.send;
  });
  const onRegenerate = useCallback(
    async (sceneIndex: number) => {
      if (!(await ensureSaved())) return;
      sendRegenerate.current({ storyId, sceneIndex, options: defaults.scenes });
    },
    [ensureSaved, storyId, defaults.scenes],
  );

  const save = useCallback(
    (base: number) =>
      handleSubmit(
        (values) => {
          if (!mutation.isPending) mutation.mutate({ base, board: values });
        },
        () => toast.error("Some fields need your attention before saving."),
      )(),
    [handleSubmit, mutation],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "s") {
        e.preventDefault();
        void save(baseRef.current);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [save]);

  const title = status.title || "Untitled story";

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="truncate text-2xl font-semibold tracking-tight text-ink-900">{title}</h1>
            <StatusBadge status={status} />
          </div>
          <p className="mt-1 line-clamp-2 max-w-3xl text-sm text-ink-500">{idea}</p>
        </div>
        <StoryActions storyId={storyId} title={status.title} busy={isActive(status.status)} />
      </div>
      <ProductionPanel status={status} defaults={defaults} ensureSaved={ensureSaved} />

      {restoredAt ? (
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-xl bg-sky-50 px-4 py-3 text-sm text-sky-900 ring-1 ring-sky-200">
          <span>
            Restored your unsaved changes from {formatDistanceToNow(new Date(restoredAt), { addSuffix: true })}. Save to keep them.
          </span>
          <Button
            variant="ghost"
            size="sm"
            onClick={() => {
              draft.clear();
              reset(toFormValues(saved.board));
              setBaseVersion(saved.version);
              setRestoredAt(null);
            }}
          >
            Discard them
          </Button>
        </div>
      ) : null}

      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save(baseVersion);
        }}
        noValidate
        aria-label="Storyboard"
        className="grid gap-6 lg:grid-cols-[12rem_1fr]"
      >
        <nav aria-label="Storyboard sections" className="hidden lg:block">
          <ul className="sticky top-24 space-y-1 text-sm">
            {[
              ["characters", "Characters"],
              ["environments", "Environments"],
              ["objects", "Objects"],
              ["scenes", "Scenes"],
              ["music", "Music"],
              ["title-scene", "Title scene"],
            ].map(([id, label]) => (
              <li key={id}>
                <a href={`#${id}`} className="block rounded-md px-3 py-1.5 text-ink-600 hover:bg-white hover:text-ink-900">
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>

        <div className="min-w-0 space-y-6">
          {ELEMENT_KINDS.map((kind) => (
            <Card key={kind} id={kind} className="scroll-mt-28" role="region" aria-labelledby={`${kind}-title`}>
              <CardHeader id={`${kind}-title`} title={ELEMENT_NAMES[kind].many} description={ELEMENT_NAMES[kind].description} />
              <div className="p-4">
                <ElementList kind={kind} control={control} register={register} errors={errors} />
              </div>
            </Card>
          ))}

          <Card id="scenes" className="scroll-mt-28" role="region" aria-labelledby="scenes-title">
            <CardHeader
              id="scenes-title"
              title={<SceneCountTitle control={control} />}
              description="Drag a scene by its handle, or use the arrows, to change the order."
            />
            <div className="p-4">
              <SceneList
                control={control}
                register={register}
                errors={errors}
                onRegenerate={onRegenerate}
                regenerateDisabled={isActive(status.status) || regenerate.pending}
              />
            </div>
          </Card>

          <Card id="music" className="scroll-mt-28" role="region" aria-labelledby="music-title">
            <CardHeader id="music-title" title="Music" description="The soundtrack under the whole story." />
            <MusicFields control={control} register={register} errors={errors} />
          </Card>

          <Card id="title-scene" className="scroll-mt-28" role="region" aria-labelledby="title-scene-title">
            <CardHeader id="title-scene-title" title="Title scene" description="The opening card with the story's title." />
            <div className="grid gap-4 p-4">
              <Field label="Title scene title" error={fieldError(errors, "title_scene.title")}>
                <Input {...register("title_scene.title")} />
              </Field>
              <Field label="Title scene description" error={fieldError(errors, "title_scene.description")}>
                <Textarea rows={3} {...register("title_scene.description")} />
              </Field>
            </div>
          </Card>
        </div>

        <div data-sticky className="sticky bottom-0 z-20 -mx-4 flex flex-wrap items-center gap-3 border-t border-ink-200 bg-white/95 px-4 py-3 shadow-pop backdrop-blur sm:mx-0 sm:rounded-xl sm:border lg:col-span-2">
          <p className="mr-auto text-sm text-ink-600" aria-live="polite">
            {isDirty ? (
              <span className="font-medium text-amber-700">Unsaved changes</span>
            ) : savedAt ? (
              <>All changes saved · version {baseVersion}</>
            ) : (
              <>Version {baseVersion}</>
            )}
          </p>
          <Button
            variant="ghost"
            disabled={!isDirty || mutation.isPending}
            onClick={() => {
              draft.clear();
              reset(toFormValues(saved.board));
              setBaseVersion(saved.version);
              setRestoredAt(null);
            }}
          >
            Discard changes
          </Button>
          <Button type="submit" loading={mutation.isPending} aria-keyshortcuts="Control+S">
            Save
          </Button>
        </div>
      </form>

      <Dialog
        open={conflict !== null}
        onClose={() => setConflict(null)}
        title="This storyboard changed while you were editing"
        description={
          conflict ? (
            <>
              Someone saved version {conflict.version}{" "}
              {formatDistanceToNow(new Date(conflict.savedAt), { addSuffix: true })}. Your version is based on version{" "}
              {baseVersion}. Choose which one to keep; nothing is overwritten until you do.
            </>
          ) : null
        }
      >
        <div className="flex flex-col gap-2 sm:flex-row sm:justify-end">
          <Button variant="ghost" onClick={() => setConflict(null)}>
            Keep editing
          </Button>
          <Button
            variant="secondary"
            onClick={() => {
              if (!conflict) return;
              draft.clear();
              const theirs = conflict.storyboard ?? saved.board;
              reset(toFormValues(theirs));
              setSaved({ version: conflict.version, board: theirs });
              setBaseVersion(conflict.version);
              setConflict(null);
              toast.info(`Loaded version ${conflict.version}. Your changes were discarded.`);
            }}
          >
            Load their version
          </Button>
          <Button
            onClick={() => {
              if (!conflict) return;
              const base = conflict.version;
              // Mine wins for everything I wrote; images and audio generated meanwhile are kept, not erased.
              if (conflict.storyboard) {
                reset(toFormValues(fillMissingMedia(fromFormValues(getValues()), conflict.storyboard)), { keepDefaultValues: true });
              }
              baseRef.current = base;
              setBaseVersion(base);
              setConflict(null);
              void save(base);
            }}
          >
            Overwrite with mine
          </Button>
        </div>
      </Dialog>
    </div>
  );
}

function SceneCountTitle({ control }: { control: Control<Storyboard> }) {
  const count = useWatch({ control, name: "scenes" })?.length ?? 0;
  return (
    <>
      Scenes <span className="ml-1 text-sm font-normal text-ink-500">{count}</span>
    </>
  );
}

function MusicFields({
  control,
  register,
  errors,
}: {
  control: Control<Storyboard>;
  register: ReturnType<typeof useForm<Storyboard>>["register"];
  errors: ReturnType<typeof useFormState<Storyboard>>["errors"];
}) {
  const musicUrl = useWatch({ control, name: "music.music_url" });
  return (
    <div className="grid gap-4 p-4 md:grid-cols-2">
      <Field label="Music description" error={fieldError(errors, "music.description")}>
        <Textarea rows={4} {...register("music.description")} />
      </Field>
      <Field label="Lyrics" error={fieldError(errors, "music.lyrics")}>
        <Textarea rows={4} {...register("music.lyrics")} />
      </Field>
      <div className="space-y-2 md:col-span-2">
        <Field label="Music URL" optional error={fieldError(errors, "music.music_url")}>
          <Input type="url" placeholder="https://" {...register("music.music_url")} />
        </Field>
        {musicUrl && /^https?:\/\//i.test(musicUrl) ? (
          <audio controls preload="none" src={musicUrl} className="w-full" aria-label="Music player" />
        ) : null}
      </div>
    </div>
  );
}
