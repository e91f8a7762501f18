"use client";

import { useEffect, useState } from "react";
import { isTheme, resolveDark, THEME_KEY, type Theme } from "@/lib/theme/theme";

const LABELS: Record<Theme, string> = { system: "System", light: "Light", dark: "Dark" };

function apply(theme: Theme) {
  const media = window.matchMedia("(prefers-color-scheme: dark)");
  document.documentElement.classList.toggle("dark", resolveDark(theme, media.matches));
}

/** Theme: follows the system by default; a choice is remembered in this browser. */
export function ThemeSwitch() {
  const [theme, setTheme] = useState<Theme>("system");
  useEffect(() => {
    const stored = localStorage.getItem(THEME_KEY);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the stored choice is only readable in the browser
    if (isTheme(stored)) setTheme(stored);
  }, []);
  useEffect(() => {
    apply(theme);
    const media = window.matchMedia("(prefers-color-scheme: dark)");
    const onChange = () => apply(theme);
    media.addEventListener("change", onChange);
    // Printing is always light.
    const beforePrint = () => document.documentElement.classList.remove("dark");
    window.addEventListener("beforeprint", beforePrint);
    window.addEventListener("afterprint", onChange);
    return () => {
      media.removeEventListener("change", onChange);
      window.removeEventListener("beforeprint", beforePrint);
      window.removeEventListener("afterprint", onChange);
    };
  }, [theme]);
  return (
    <label className="flex items-center">
      <span className="sr-only">Colour theme</span>
      <select
        value={theme}
        onChange={(e) => {
          const next = e.target.value;
          if (!isTheme(next)) return;
          if (next === "system") localStorage.removeItem(THEME_KEY);
          else localStorage.setItem(THEME_KEY, next);
          setTheme(next);
        }}
        className="h-8 rounded-lg border border-ink-200 bg-white px-2 text-sm text-ink-700 hover:bg-ink-100"
      >
        {(Object.keys(LABELS) as Theme[]).map((t) => (
          <option key={t} value={t}>
            {LABELS[t]}
          </option>
        ))}
      </select>
    </label>
  );
}
