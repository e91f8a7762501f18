"use client";

import { useState } from "react";
import { cn } from "@/lib/cn";

/** A picture preview for an image URL field; a calm placeholder when there is none or it fails to load. */
export function ImagePreview({ url, alt, className, ratio = "aspect-video" }: { url?: string; alt: string; className?: string; ratio?: string }) {
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
    </div>
  );
}
