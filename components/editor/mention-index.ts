"use client";

import { createContext, useContext, useEffect, useMemo, useSyncExternalStore } from "react";
import type { UseFormReturn } from "react-hook-form";
import { ELEMENT_KINDS, type ElementKind } from "@/lib/validation/storyboard-rules";
import type { Storyboard } from "@/lib/validation/storyboard";
import { mentionKey, scenesMentioning, unknownInScene } from "@/lib/stories/mentions";
import { debounce } from "./debounce";

/**
 * What the mention UI reads (element names and images, where each is mentioned, unknown names per scene), computed
 * from the form at most every 250 ms, off the keystroke. Components select one primitive each
 * (useSyncExternalStore), so typing re-renders only the cards whose answer changed.
 */
export type MentionElement = { name: string; kind: ElementKind; imageUrl?: string };

export class MentionIndex {
  private board: Partial<Storyboard> = {};
  private listeners = new Set<() => void>();
  private elementsCache: MentionElement[] = [];
  private elementsKey = "";
  private known = new Set<string>();

  constructor(private readonly read: () => Storyboard) {}

  /** Reads the form now without telling anyone (the first read, during render: server and browser agree). */
  load(): this {
    this.compute();
    return this;
  }

  update(): void {
    this.compute();
    this.listeners.forEach((l) => l());
  }

  private compute(): void {
    this.board = this.read();
    const elements = ELEMENT_KINDS.flatMap((kind) =>
      (this.board[kind] ?? []).filter((e) => e?.name?.trim()).map((e) => ({ name: e.name.trim(), kind, imageUrl: e.image_url || undefined })),
    );
    const key = JSON.stringify(elements);
    if (key !== this.elementsKey) {
      this.elementsKey = key;
      this.elementsCache = elements;
      this.known = new Set(elements.map((e) => mentionKey(e.name)));
    }
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  elements = (): MentionElement[] => this.elementsCache;
  /** "1, 3, 4" or "". */
  scenesOf = (name: string): string => scenesMentioning(this.board, name).join(", ");
  /** The names scene `index` mentions that no element has, joined by "\n". */
  unknownIn = (index: number): string => unknownInScene(this.board.scenes?.[index], this.known).join("\n");
}

export const MentionIndexContext = createContext<MentionIndex | null>(null);

/** One index per editor, fed by the form (debounced). */
export function useMentionIndexFor(form: UseFormReturn<Storyboard>): MentionIndex {
  // Filled from the form's default values at once (on the server too), so cards render their mentions in the first
  // pass instead of re-rendering all of them when the index fills after mount.
  const index = useMemo(() => new MentionIndex(() => form.getValues()).load(), [form]);
  useEffect(() => {
    index.update();
    const soon = debounce(() => index.update(), 250);
    const unsubscribe = form.subscribe({ formState: { values: true }, callback: soon.call });
    return () => {
      unsubscribe();
      soon.cancel();
    };
  }, [form, index]);
  return index;
}

const empty = new MentionIndex(() => ({}) as Storyboard);

function useIndex(): MentionIndex {
  return useContext(MentionIndexContext) ?? empty;
}
/**
 * The index itself, without subscribing: for a field's `@` menu, which reads the elements when it opens (it re-renders
 * on every keystroke while open), so 600 scene fields do not each subscribe to the index.
 */
export function useMentionIndex(): MentionIndex {
  return useIndex();
}
export function useMentionElements(): MentionElement[] {
  const index = useIndex();
  return useSyncExternalStore(index.subscribe, index.elements, index.elements);
}
export function useScenesMentioning(name: string | undefined): string {
  const index = useIndex();
  const snapshot = () => (name ? index.scenesOf(name) : "");
  return useSyncExternalStore(index.subscribe, snapshot, snapshot);
}
export function useUnknownMentions(sceneIndex: number): string[] {
  const index = useIndex();
  const snapshot = () => index.unknownIn(sceneIndex);
  const joined = useSyncExternalStore(index.subscribe, snapshot, snapshot);
  return useMemo(() => (joined ? joined.split("\n") : []), [joined]);
}
