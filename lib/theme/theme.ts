/**
 * Light / dark / follow the system. The choice is remembered in localStorage (THEME_KEY); the `dark` class on <html>
 * flips the colour tokens (app/globals.css). THEME_SCRIPT runs in <head> before the first paint, so there is no flash.
 */
export const THEME_KEY = "studio-theme";
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

export function isTheme(value: unknown): value is Theme {
  return typeof value === "string" && (THEMES as readonly string[]).includes(value);
}

/** Whether the page is dark for a choice, given whether the system prefers dark. */
export function resolveDark(theme: Theme, systemDark: boolean): boolean {
  return theme === "dark" || (theme === "system" && systemDark);
}

/** Inline, dependency-free version of the two functions above, run before React loads. */
export const THEME_SCRIPT = `(function(){try{var t=localStorage.getItem(${JSON.stringify(THEME_KEY)});var d=t==="dark"||((t!=="light")&&window.matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.classList.toggle("dark",d);}catch(e){}})();`;
