"use client";

import { useEffect, useState, type RefObject } from "react";

/**
 * Whether an element is on screen or close to it (one IntersectionObserver shared by every caller). Long storyboards
 * use it to draw decorations (the mention highlight) only where someone can see them.
 *
 * An element inside a `[data-near-root]` container (a scene card) is answered for its container: the three text
 * fields of a card share one observed target, so a 200-scene storyboard has 200 observed targets, not 600 (the
 * browser computes every target's intersection in each frame that changed layout, e.g. on every keystroke).
 */
const MARGIN = "300px 0px";
let observer: IntersectionObserver | null = null;
const callbacks = new Map<Element, Set<(near: boolean) => void>>();
const lastState = new WeakMap<Element, boolean>();

function shared(): IntersectionObserver | null {
  if (observer || typeof IntersectionObserver === "undefined") return observer;
  observer = new IntersectionObserver(
    (entries) =>
      entries.forEach((e) => {
        lastState.set(e.target, e.isIntersecting);
        callbacks.get(e.target)?.forEach((cb) => cb(e.isIntersecting));
      }),
    { rootMargin: MARGIN },
  );
  return observer;
}

export function useNearViewport(ref: RefObject<Element | null>): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    const el = ref.current;
    const io = shared();
    if (!el) return;
    if (!io) {
      // No IntersectionObserver (very old browser, some test environments): always draw.
      const t = setTimeout(() => setNear(true), 0);
      return () => clearTimeout(t);
    }
    const target = el.closest("[data-near-root]") ?? el;
    let set = callbacks.get(target);
    if (!set) {
      set = new Set();
      callbacks.set(target, set);
      io.observe(target);
    } else if (lastState.has(target)) {
      // Already observed for a sibling field: start from its last answer (the next change comes from the observer).
      const known = lastState.get(target)!;
      queueMicrotask(() => setNear(known));
    }
    set.add(setNear);
    return () => {
      set.delete(setNear);
      if (set.size === 0) {
        io.unobserve(target);
        callbacks.delete(target);
        lastState.delete(target);
      }
    };
  }, [ref]);
  return near;
}
