import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/** app/ and components/ reach data only through lib/services; toasts only through lib/toast. */
const layering = [
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
];
/** Client components load zod with a form's schema on first focus (lib/validation/lazy-resolver.ts), never with the page. */
const zodOnUse = {
  group: [
    "zod",
    "zod/*",
    "@hookform/resolvers/zod",
    "@/lib/validation/*",
    "!@/lib/validation/lazy-resolver",
    "!@/lib/validation/*-options",
    "!@/lib/validation/storyboard-rules",
    "!@/lib/validation/start-defaults",
    "!@/lib/validation/uploads",
    "!@/lib/validation/url",
  ],
  message:
    "This brings zod into the page's first load. Import types with `import type`, constants from the zod-free modules (dashboard-options, storyboard-rules, review-options, start-defaults), and the schema through lazyZodResolver(() => import(...)).",
  allowTypeImports: true,
};

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
      "@typescript-eslint/no-restricted-imports": ["error", { patterns: layering }],
    },
  },
  {
    files: ["components/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", { patterns: [...layering, zodOnUse] }],
    },
  },
];

export default config;
