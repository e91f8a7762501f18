import { clsx, type ClassValue } from "clsx";
import { twMerge } from "tailwind-merge";

/** Joins class names; conflicting Tailwind classes are merged so the later one wins (`px-2` + `px-4` -> `px-4`). */
export function cn(...values: ClassValue[]): string {
  return twMerge(clsx(values));
}
