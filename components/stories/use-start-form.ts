"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useForm, useWatch, type DefaultValues, type FieldValues, type Path } from "react-hook-form";
import { toast } from "@/lib/toast";
import type { LazyResolver } from "@/lib/validation/lazy-resolver";
import type { ActionError, ActionResult } from "@/lib/actions/result";
import { useLocalDraft } from "./use-local-draft";
import { estimateCost, type CostEstimate, type CostInput } from "@/lib/stories/costs";
import { useCostConfirmation, useCosts } from "@/components/production/costs";

const SHARED_IDEA_KEY = "storyboard-studio:new-story-idea";

/**
 * What the three "start a story" forms share: zod validation on the form (the schema loads on the form's first focus:
 * put `onFocus={start.preload}` on the form), a localStorage draft (restored after a
 * reload; requestId excluded so a restored form is a new intention), uploads sent as FormData, field errors from
 * the server shown on their fields, and the form left exactly as typed when anything fails.
 */
export function useStartForm<T extends FieldValues & { requestId: string }>(opts: {
  /** lazyZodResolver over the form's schema (the one the server action validates with), created at module scope. */
  resolver: LazyResolver<T>;
  defaults: () => T;
  draftKey: string;
  action: (form: FormData) => Promise<ActionResult<{ storyId: string }>>;
  successMessage: string;
  /** What the form's values would cost (lib/stories/costs.ts): shown by the button, asked about above the threshold. */
  cost?: { input: (values: T, files: File[]) => CostInput; what: string };
}) {
  const router = useRouter();
  const draft = useLocalDraft<Omit<T, "requestId">>(opts.draftKey);
  // The idea typed in one mode follows the creator to the other modes (each mode keeps its own other fields).
  const sharedIdea = useLocalDraft<string>(SHARED_IDEA_KEY);
  const form = useForm<T>({
    resolver: opts.resolver,
    defaultValues: opts.defaults() as DefaultValues<T>,
    // Errors appear after the first submit, then follow each change.
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  const { reset, getValues, setError, setValue } = form;
  const [files, setFilesState] = useState<File[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);
  const [submitError, setSubmitError] = useState<ActionError | null>(null);
  const [restored, setRestored] = useState(false);
  const didRestore = useRef(false);

  useEffect(() => {
    if (didRestore.current) return;
    didRestore.current = true;
    const saved = draft.read();
    if (saved?.value) {
      reset({ ...opts.defaults(), ...saved.value, requestId: getValues("requestId" as Path<T>) } as T);
      // localStorage is only readable after hydration, so this state is set from an effect on purpose.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setRestored(true);
    }
    const idea = sharedIdea.read()?.value;
    if (typeof idea === "string" && idea && idea !== getValues("idea" as Path<T>)) {
      setValue("idea" as Path<T>, idea as T[Path<T>], { shouldDirty: true });
    }
  }, [draft, sharedIdea, reset, getValues, setValue, opts]);

  useEffect(
    () =>
      form.subscribe({
        formState: { values: true },
        callback: ({ values, name }) => {
          if (!name) return;
          const { requestId: _ignored, ...rest } = values;
          void _ignored;
          draft.write(rest as Omit<T, "requestId">);
          if (name === "idea" && typeof values.idea === "string") sharedIdea.write(values.idea);
        },
      }),
    [form, draft, sharedIdea],
  );

  /** New files make earlier upload messages stale: they are cleared. */
  const setFiles = (next: File[]) => {
    setFilesState(next);
    setFileError(null);
    setSubmitError((e) => (e?.fieldErrors?.imageFiles ? null : e));
  };

  const mutation = useMutation({
    mutationFn: async (values: T) => {
      const body = new FormData();
      body.set("payload", JSON.stringify(values));
      for (const f of files) body.append("image_files", f);
      return opts.action(body);
    },
    onSuccess: (result) => {
      if (result.ok) {
        draft.clear();
        sharedIdea.clear();
        toast.success(opts.successMessage);
        router.push(`/stories/${result.data.storyId}`);
        return;
      }
      const error = result.error;
      setSubmitError(error);
      for (const [path, message] of Object.entries(error.fieldErrors ?? {})) {
        if (path === "imageFiles") setFileError(message);
        else setError(path as Path<T>, { message });
      }
      toast.error(error.message);
    },
    onError: () => {
      const error: ActionError = {
        code: "internal",
        message: "The server could not be reached. Check your connection; everything you typed is kept in this form.",
      };
      setSubmitError(error);
      toast.error(error.message);
    },
  });

  const { observed } = useCosts();
  const ask = useCostConfirmation();
  const estimateOf = (values: T): CostEstimate | null => (opts.cost ? estimateCost(opts.cost.input(values, files), observed) : null);
  // Every value, for the estimate beside the button (these forms are small: re-rendering them per change is cheap).
  const watched = useWatch({ control: form.control }) as T;
  const estimate = estimateOf(watched);

  const submit = form.handleSubmit(
    (values) => {
      setSubmitError(null);
      const send = () => {
        if (!mutation.isPending) mutation.mutate(values);
      };
      const e = estimateOf(values);
      // Above the threshold the creator confirms first; the form's requestId keeps a double submit one story.
      if (e && opts.cost) ask(e, opts.cost.what, send);
      else send();
    },
    () => toast.error("Some fields need your attention."),
  );

  const startOver = () => {
    draft.clear();
    sharedIdea.clear();
    reset(opts.defaults());
    setFiles([]);
    setRestored(false);
  };

  return { form, submit, preload: opts.resolver.preload, estimate, pending: mutation.isPending, submitError, files, setFiles, fileError, setFileError, restored, startOver };
}
