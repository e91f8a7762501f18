import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "**/.next/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    // Pages, route handlers and components go through the actor-aware services (lib/services), never the data module.
    files: ["app/**", "components/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/db", "@/lib/db/*", "**/lib/db", "**/lib/db/*"],
              message: "Use lib/services (it checks the actor's permission) instead of lib/db.",
              allowTypeImports: true,
            },
            {
              group: ["sonner"],
              importNames: ["toast"],
              message: "Import toast from @/lib/toast: it loads sonner on the first toast, keeping it out of the first load.",
            },
          ],
        },
      ],
    },
  },
];

export default config;
