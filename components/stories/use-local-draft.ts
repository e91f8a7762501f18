"use client";

import { useCallback, useEffect, useMemo, useRef } from "react";

/**
 * Keeps a JSON draft in localStorage so nothing typed is lost on a reload, a crash or a failed request.
 * Writes are debounced; `flush` writes immediately (e.g. before unload).
 */
export function useLocalDraft<T>(key: string, delayMs = 400) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef<T | null>(null);

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (pending.current === null) return;
    try {
      localStorage.setItem(key, JSON.stringify({ savedAt: new Date().toISOString(), value: pending.current }));
    } catch {
      // Storage full or disabled: the draft is best effort, the server copy is the real one.
    }
    pending.current = null;
  }, [key]);

  const write = useCallback(
    (value: T) => {
      pending.current = value;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(flush, delayMs);
    },
    [delayMs, flush],
  );

  const read = useCallback((): { savedAt: string; value: T } | null => {
    try {
      const raw = localStorage.getItem(key);
      return raw ? (JSON.parse(raw) as { savedAt: string; value: T }) : null;
    } catch {
      return null;
    }
  }, [key]);

  const clear = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    pending.current = null;
    try {
      localStorage.removeItem(key);
    } catch {
      /* ignore */
    }
  }, [key]);

  useEffect(() => {
    window.addEventListener("pagehide", flush);
    return () => {
      window.removeEventListener("pagehide", flush);
      flush();
    };
  }, [flush]);

  return useMemo(() => ({ write, read, clear, flush }), [write, read, clear, flush]);
}
