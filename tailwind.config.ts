import type { Config } from "tailwindcss";

/**
 * Loaded by app/globals.css through `@config`. Design tokens of the studio live here.
 */
const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}", "./lib/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        brand: {
          50: "#f3f1ff",
          100: "#e9e5ff",
          200: "#d5cdff",
          300: "#b6a6ff",
          400: "#9274ff",
          500: "#7444fc",
          600: "#6527f2",
          700: "#5519d6",
          800: "#4616ad",
          900: "#3b168c",
          950: "#230a5f",
        },
        ink: {
          50: "#f7f7f9",
          100: "#eeeef2",
          200: "#dcdce4",
          300: "#bdbdcb",
          400: "#9595a8",
          500: "#73738a",
          600: "#5c5c71",
          700: "#4b4b5c",
          800: "#32323e",
          900: "#1d1d26",
          950: "#111118",
        },
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
