"use client";

import { useCallback, useId, useRef, useState, type DragEvent, type ReactNode } from "react";
import { useParams } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { useWatch, type Control, type Path } from "react-hook-form";
import { toast } from "@/lib/toast";
import type { ItemList } from "@/lib/stories/model";
import { IMAGE_STAMP, imageMayBeOutOfDate, imageSourceText, imageStamp } from "@/lib/stories/image-freshness";
import { prepareImages } from "@/lib/uploads/prepare-images";
import { ACCEPT_ATTRIBUTE, checkPickedImages } from "@/lib/validation/uploads";
import type { Storyboard } from "@/lib/validation/storyboard";
import { Button } from "@/components/ui/button";
import { Progress } from "@/components/ui/progress";
import { cn } from "@/lib/cn";
import { useEditorTools } from "./use-editor-history";

/**
 * "Upload image" for one element or scene: the picked (or dropped) image is checked (PNG/JPEG/WebP by its bytes),
 * reduced in the browser (lib/uploads/prepare-images.ts, far below Vercel's 4.5 MB), POSTed to
 * /api/stories/<id>/uploads (a route handler, with upload progress), and the returned URL is set into the item's
 * image field as one undoable change, exactly like a pasted URL; the image counts as made from the current text.
 */

type ItemPath = `${ItemList}.${number}`;
type UploadSettings = { visibleToVimmerse: boolean; hint?: string; maxBytes: number };
type UploadAnswer = { url: string; visibleToVimmerse: boolean; hint?: string };

const UPLOAD_PATH = /\/api\/uploads\/[0-9a-f]{32}\.(png|jpg|webp)$/;

/** Whether Vimmerse can see uploaded images (asked once per page). */
function useUploadSettings() {
  return useQuery({
    queryKey: ["upload-settings"],
    queryFn: async (): Promise<UploadSettings | null> => {
      const res = await fetch("/api/uploads", { cache: "no-store" });
      return res.ok ? ((await res.json()) as UploadSettings) : null;
    },
    staleTime: Infinity,
  });
}

function send(storyId: string, file: Blob, onProgress: (pct: number) => void): Promise<UploadAnswer> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/stories/${encodeURIComponent(storyId)}/uploads`);
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress((e.loaded / e.total) * 100);
    };
    xhr.onload = () => {
      const body = xhr.response as (UploadAnswer & { message?: string }) | null;
      if (xhr.status >= 200 && xhr.status < 300 && body?.url) resolve(body);
      else reject(new Error(body?.message || `The upload failed (HTTP ${xhr.status}). Try again.`));
    };
    xhr.onerror = () => reject(new Error("The upload did not reach the server. Check your connection and try again."));
    xhr.send(file);
  });
}

/** Picks, checks, reduces and uploads one image for the item at `path`; also a drop target (see UploadDropZone). */
function useImageUpload(path: ItemPath, list: ItemList, label: string) {
  const { id: storyId } = useParams<{ id: string }>();
  const { change, getValues, setValue } = useEditorTools();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const upload = useCallback(
    async (files: File[]) => {
      if (!files.length || progress !== null) return;
      setError(null);
      const fail = (message: string) => {
        setError(message);
        toast.error(message);
      };
      if (files.length > 1) return fail("Choose one image.");
      const problem = await checkPickedImages(files);
      if (problem) return fail(problem);
      setProgress(0);
      try {
        const [prepared] = await prepareImages(files);
        const answer = await send(storyId, prepared, setProgress);
        if (!setValue || !getValues) return;
        change(`Upload image for ${label.toLowerCase()}`, () => {
          setValue(`${path}.image_url` as Path<Storyboard>, answer.url, { shouldDirty: true, shouldValidate: true });
          const item = getValues(path as Path<Storyboard>) as Parameters<typeof imageSourceText>[1];
          setValue(`${path}.${IMAGE_STAMP}` as Path<Storyboard>, imageStamp(answer.url, imageSourceText(list, item)), { shouldDirty: true });
        });
        toast.success(`Image uploaded for ${label.toLowerCase()}`);
      } catch (e) {
        fail(e instanceof Error ? e.message : "The upload failed. Try again.");
      } finally {
        setProgress(null);
      }
    },
    [progress, storyId, change, getValues, setValue, path, list, label],
  );
  return { upload, progress, error };
}

type ControlProps = { control: Control<Storyboard>; path: ItemPath; list: ItemList; label: string; className?: string };

/** The "Upload image" button with its hidden file input, progress, error, and the "Vimmerse cannot see it" note. */
export function ImageUploadControl({ control, path, list, label, className }: ControlProps) {
  const { upload, progress, error } = useImageUpload(path, list, label);
  const input = useRef<HTMLInputElement>(null);
  const errorId = useId();
  const imageUrl = useWatch({ control, name: `${path}.image_url` as Path<Storyboard> }) as string | undefined;
  const settings = useUploadSettings().data;
  const notVisible = settings && !settings.visibleToVimmerse && typeof imageUrl === "string" && UPLOAD_PATH.test(imageUrl.trim());
  return (
    <div className={cn("space-y-1.5", className)}>
      <input
        ref={input}
        type="file"
        accept={ACCEPT_ATTRIBUTE}
        className="sr-only"
        tabIndex={-1}
        aria-hidden
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = "";
          void upload(files);
        }}
      />
      <Button
        variant="outline"
        size="sm"
        className="w-full"
        loading={progress !== null}
        aria-describedby={error ? errorId : undefined}
        onClick={() => input.current?.click()}
        aria-label={`Upload image for ${label.toLowerCase()}`}
      >
        {progress !== null ? "Uploading…" : "Upload image"}
      </Button>
      {progress !== null ? <Progress value={progress} label={`Uploading image for ${label.toLowerCase()}`} /> : null}
      {error ? (
        <p id={errorId} role="alert" className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
      {notVisible ? (
        <p role="note" className="rounded-md bg-amber-50 p-2 text-xs text-amber-900 ring-1 ring-amber-200">
          {settings.hint}
        </p>
      ) : null}
    </div>
  );
}

/** Dropping an image file onto the preview uploads it (the button is the keyboard way). */
export function UploadDropZone({ path, list, label, children, className }: Omit<ControlProps, "control"> & { children: ReactNode }) {
  const { upload } = useImageUpload(path, list, label);
  const [over, setOver] = useState(false);
  const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer.types).includes("Files");
  return (
    <div
      className={cn("relative rounded-lg", over && "ring-2 ring-brand-500 ring-offset-2", className)}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setOver(false);
        void upload(Array.from(e.dataTransfer.files));
      }}
    >
      {children}
    </div>
  );
}

/** "Image may be out of date" for the item at `path` (lib/stories/image-freshness.ts decides). */
export function useImageOutOfDate(control: Control<Storyboard>, path: ItemPath, list: ItemList): boolean {
  const textField = list === "scenes" ? "image_description" : "description";
  const [imageUrl, text, stamp] = useWatch({
    control,
    name: [`${path}.image_url`, `${path}.${textField}`, `${path}.${IMAGE_STAMP}`] as Path<Storyboard>[],
  }) as (string | undefined)[];
  return imageMayBeOutOfDate(list, { image_url: imageUrl, [textField]: text, [IMAGE_STAMP]: stamp });
}
