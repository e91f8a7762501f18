"use client";

import { useState } from "react";
import { cn } from "@/lib/cn";

/**
 * A picture preview for an image URL field; a calm placeholder when there is none or it fails to load.
 * `stale`: the item's text changed after its image was made (lib/stories/image-freshness.ts): a hint on the image.
 */
export function ImagePreview({
  url,
  alt,
  className,
  ratio = "aspect-video",
  stale = false,
}: {
  url?: string;
  alt: string;
  className?: string;
  ratio?: string;
  stale?: boolean;
}) {
  const [failed, setFailed] = useState<string | null>(null);
  const show = url && /^https?:\/\//i.test(url) && failed !== url;
  return (
    <div className={cn("relative overflow-hidden rounded-lg bg-gradient-to-br from-ink-100 to-ink-50 ring-1 ring-ink-200", ratio, className)}>
      {show ? (
        // eslint-disable-next-line @next/next/no-img-element -- arbitrary remote images from Vimmerse or the user
        <img src={url} alt={alt} loading="lazy" className="h-full w-full object-cover" onError={() => setFailed(url)} />
      ) : (
        <div className="grid h-full place-items-center p-2 text-center text-xs text-ink-400">
          {url && failed === url ? "Image could not be loaded" : "No image yet"}
        </div>
      )}
      {show && stale ? (
        <p className="absolute inset-x-0 bottom-0 bg-amber-100/95 px-1.5 py-0.5 text-center text-[11px] font-medium leading-tight text-amber-950">
          Image may be out of date
        </p>
      ) : null}
    </div>
  );
}
