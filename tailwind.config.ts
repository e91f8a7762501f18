import type { Config } from "tailwindcss";

/**
 * Loaded by app/globals.css through `@config`. Design tokens of the studio live here.
 */
const shades = (name: string) =>
  Object.fromEntries([50, 100, 200, 300, 400, 500, 600, 700, 800, 900, 950].map((n) => [n, `var(--${name}-${n})`]));

const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}", "./lib/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        // Values are CSS variables (app/globals.css) so that dark mode flips them; `/80` opacities still work.
        brand: shades("brand"),
        ink: shades("ink"),
      },
      fontFamily: {
        sans: [
          "Inter",
          "ui-sans-serif",
          "system-ui",
          "-apple-system",
          "Segoe UI",
          "Roboto",
          "Helvetica Neue",
          "Arial",
          "sans-serif",
        ],
      },
      boxShadow: {
        card: "0 1px 2px rgba(17,17,24,0.04), 0 1px 3px rgba(17,17,24,0.06)",
        pop: "0 10px 30px -10px rgba(35,10,95,0.35)",
      },
      keyframes: {
        shimmer: { "0%": { backgroundPosition: "-200% 0" }, "100%": { backgroundPosition: "200% 0" } },
      },
      animation: {
        shimmer: "shimmer 1.8s linear infinite",
      },
    },
  },
};

export default config;
