"use client";

import { useEffect, useState, type RefObject } from "react";

/**
 * Whether an element is on screen or close to it (one IntersectionObserver shared by every caller). Long storyboards
 * use it to draw decorations (the mention highlight) only where someone can see them.
 */
const MARGIN = "300px 0px";
let observer: IntersectionObserver | null = null;
const callbacks = new WeakMap<Element, (near: boolean) => void>();

function shared(): IntersectionObserver | null {
  if (observer || typeof IntersectionObserver === "undefined") return observer;
  observer = new IntersectionObserver(
    (entries) => entries.forEach((e) => callbacks.get(e.target)?.(e.isIntersecting)),
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
    callbacks.set(el, setNear);
    io.observe(el);
    return () => {
      io.unobserve(el);
      callbacks.delete(el);
    };
  }, [ref]);
  return near;
}
