"use client";

import { formatDistanceToNow } from "date-fns";
import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from "react";
import { useForm, useFormState, useWatch, type Control, type FieldErrors } from "react-hook-form";
import { ELEMENT_KINDS } from "@/lib/validation/storyboard-rules";
import type { Storyboard } from "@/lib/validation/storyboard";
import { lazyZodResolver } from "@/lib/validation/lazy-resolver";
import { isActive, type StoryStatusView } from "@/lib/stories/stages";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { StatusBadge } from "@/components/stories/status-badge";
import { StoryActions } from "@/components/stories/story-actions";
import { EditorShortcuts } from "./editor-shortcuts";
import { PhoneSectionNav } from "./phone-section-nav";
import { ProductionPanel, useRegenerateScene } from "@/components/production/production-panel";
import type { StepDefaults } from "@/lib/validation/steps";
import { useStoryStatus } from "@/components/stories/use-story-status";
import { PresenceBar } from "@/components/live/presence-bar";
import { ElementList, ELEMENT_NAMES } from "./element-list";
import { SceneList } from "./scene-list";
import { fieldError } from "./field-error";
import { toFormValues, useStoryboardDocument } from "./use-storyboard-document";
import { DiscardButton, LeaveGuard, SaveStatus } from "./save-bar";
import { EditorToolsContext, useEditorHistory } from "./use-editor-history";
import { UndoRedoButtons } from "./undo-redo-buttons";
import { MentionIndexContext, useMentionIndexFor } from "./mention-index";
import { SceneBoard, SceneViewToggle, useSceneView } from "./board-view";
import type { SceneView } from "./scene-view";
import { VersionHistory } from "./version-history";
import { ReviewSummaryBar } from "@/components/review/review-badges";

/** For useSyncExternalStore: nothing to subscribe to; the snapshot only tells server (false) from browser (true). */
const noSubscription = () => () => {};
/** The storyboard schema (shared with the save action) loads on the form's first focus, not with the page (issue 11). */
const storyboardResolver = lazyZodResolver<Storyboard>(() => import("@/lib/validation/storyboard").then((m) => m.storyboardSchema));

export function StoryEditor({
  status: initialStatus,
  storyboard,
  version: serverVersion,
  idea,
  defaults,
  dropped = [],
  sceneView: initialSceneView,
}: {
  status: StoryStatusView;
  /** The saved storyboard, prepared for editing (lib/stories/model.ts prepareForEditing). */
  storyboard: Storyboard;
  version: number;
  idea: string;
  defaults: StepDefaults;
  /** Values the form would refuse that were dropped when loading (e.g. a bad image address from upstream). */
  dropped?: string[];
  /** The scene view remembered in the cookie (so the server renders the view the browser will show). */
  sceneView?: SceneView;
}) {
  const storyId = initialStatus.id;
  const { data: status = initialStatus } = useStoryStatus(initialStatus);

  const form = useForm<Storyboard>({
    resolver: storyboardResolver,
    defaultValues: toFormValues(storyboard),
    mode: "onBlur",
  });
  const { register, control } = form;
  const errors = stableErrors(useFormState({ control }).errors);
  const doc = useStoryboardDocument({
    storyId,
    form,
    initial: { version: serverVersion, board: storyboard },
    upstreamVersion: status.version,
  });
  const history = useEditorHistory(form, doc.touched);
  const tools = useMemo(
    () => ({ change: history.change, getValues: form.getValues, setValue: form.setValue }),
    [history.change, form.getValues, form.setValue],
  );
  const mentionIndex = useMentionIndexFor(form);
  const [sceneView, setSceneView] = useSceneView(initialSceneView);
  // Marks the editor as interactive (tests and scripts wait for it instead of guessing).
  const formRef = useRef<HTMLFormElement>(null);
  // Until then its fields are disabled: text typed before hydration would race the form taking its values.
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  useEffect(() => formRef.current?.setAttribute("data-ready", "true"), []);

  const regenerate = useRegenerateScene(storyId);
  const sendRegenerate = useRef(regenerate.send);
  useEffect(() => {
    sendRegenerate.current = regenerate.send;
  });
  const { ensureSaved, save } = doc;
  const onRegenerate = useCallback(
    async (sceneId: string) => {
      if (!(await ensureSaved())) return;
      sendRegenerate.current({ storyId, sceneId, options: defaults.scenes });
    },
    [ensureSaved, storyId, defaults.scenes],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "s") {
        e.preventDefault();
        void save();
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
          <PresenceBar />
        </div>
        <StoryActions storyId={storyId} title={status.title} busy={isActive(status.status)} />
      </div>
      <ReviewSummaryBar />
      <EditorShortcuts />
      <PhoneSectionNav />
      <ProductionPanel status={status} defaults={defaults} ensureSaved={ensureSaved} />

      {doc.restoredAt ? (
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-xl bg-sky-50 px-4 py-3 text-sm text-sky-900 ring-1 ring-sky-200">
          <span>
            Restored your unsaved changes from {formatDistanceToNow(new Date(doc.restoredAt), { addSuffix: true })}. Save to keep them.
          </span>
          <Button variant="ghost" size="sm" onClick={doc.discard}>
            Discard them
          </Button>
        </div>
      ) : null}
      {dropped.length > 0 ? (
        <div role="status" className="rounded-xl bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200">
          Some media addresses were not valid web addresses and were left out: {dropped.join(", ")}. Saving stores the
          storyboard without them; generate or paste new ones if you need them.
        </div>
      ) : null}

      <LeaveGuard dirtyFlag={doc.dirtyFlag} />
      <EditorToolsContext.Provider value={tools}>
      <MentionIndexContext.Provider value={mentionIndex}>
      <form
        ref={formRef}
        onFocus={history.onFocus}
        onFocusCapture={storyboardResolver.preload}
        onBlur={history.onBlur}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        noValidate
        aria-label="Storyboard"
        className="grid gap-6 lg:grid-cols-[12rem_1fr]"
      >
        <fieldset disabled={!hydrated} className="contents">
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
              description={
                sceneView === "board"
                  ? "Every scene as a frame: click one to edit it beside the board."
                  : "Drag a scene by its handle, or use the arrows, to change the order."
              }
              actions={<SceneViewToggle view={sceneView} onChange={setSceneView} />}
            />
            <div className="p-4">
              {sceneView === "board" ? (
                <SceneBoard control={control} register={register} errors={errors} sceneVideos={status.sceneVideos} />
              ) : (
                <SceneList
                  control={control}
                  register={register}
                  errors={errors}
                  onRegenerate={onRegenerate}
                  regenerateDisabled={isActive(status.status) || regenerate.pending}
                />
              )}
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

        <div data-sticky className="sticky bottom-0 z-20 -mx-4 flex flex-wrap items-center gap-x-2 gap-y-1 border-t border-ink-200 bg-white/95 px-4 py-2 sm:gap-3 sm:py-3 shadow-pop backdrop-blur sm:mx-0 sm:rounded-xl sm:border lg:col-span-2">
          <SaveStatus dirtyFlag={doc.dirtyFlag} failure={doc.failure} savedAt={doc.savedAt} savedVersion={doc.savedVersion} />
          <VersionHistory
            storyId={storyId}
            currentVersion={doc.savedVersion}
            canRestore
            onRestored={(version, board) => history.change(`Restore version ${version}`, () => doc.adopt(version, board))}
          />
          <UndoRedoButtons history={history} />
          <DiscardButton
            dirtyFlag={doc.dirtyFlag}
            saving={doc.saving}
            onDiscard={() => history.change("Discard changes", doc.discard, { toast: "Changes discarded" })}
          />
          <Button type="submit" loading={doc.saving} aria-keyshortcuts="Control+S" className="max-sm:ml-auto">
            Save
          </Button>
        </div>
        </fieldset>
      </form>
      </MentionIndexContext.Provider>
      </EditorToolsContext.Provider>

      <Dialog
        open={doc.conflict !== null}
        onClose={doc.keepEditing}
        title="This storyboard changed while you were editing"
        description={
          doc.conflict ? (
            <>
              Someone saved version {doc.conflict.version}{" "}
              {formatDistanceToNow(new Date(doc.conflict.savedAt), { addSuffix: true })}. Your version is based on version{" "}
              {doc.baseVersion}. &ldquo;Overwrite with mine&rdquo; keeps their edits everywhere you did not change anything;
              nothing is overwritten until you choose.
            </>
          ) : null
        }
      >
        <div className="flex flex-col gap-2 sm:flex-row sm:justify-end">
          <Button variant="ghost" onClick={doc.keepEditing}>
            Keep editing
          </Button>
          <Button variant="secondary" onClick={doc.loadTheirs}>
            Load their version
          </Button>
          <Button onClick={doc.overwriteWithMine}>Overwrite with mine</Button>
        </div>
      </Dialog>
    </div>
  );
}

/**
 * react-hook-form hands out a new, empty errors object on every submit: one constant empty object instead lets the
 * memoised scene lists and cards skip re-rendering on save (nothing they show changed).
 */
const NO_ERRORS: FieldErrors<Storyboard> = {};
function stableErrors(errors: FieldErrors<Storyboard>): FieldErrors<Storyboard> {
  return Object.keys(errors).length === 0 ? NO_ERRORS : errors;
}

function SceneCountTitle({ control }: { control: Control<Storyboard> }) {
  // The count only (`compute`): typing in a scene does not re-render the title.
  const count = useWatch({ control, name: "scenes", compute: (scenes: Storyboard["scenes"] | undefined) => scenes?.length ?? 0 });
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
