import type { Metadata, Viewport } from "next";
import { Providers } from "./providers";
import { AppHeader } from "@/components/app-header";
import { ThemeSwitch } from "@/components/theme-switch";
import { THEME_SCRIPT } from "@/lib/theme/theme";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Storyboard Studio", template: "%s · Storyboard Studio" },
  description: "Write, edit, review and render Vimmerse stories with your team.",
  icons: { icon: "/favicon.svg" },
};

export const viewport: Viewport = { themeColor: "#6527f2", width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* Sets the `dark` class before the first paint (no flash); see lib/theme/theme.ts. */}
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:fixed focus:left-3 focus:top-3 focus:z-50 focus:rounded-lg focus:bg-white focus:px-3 focus:py-2 focus:shadow-pop"
        >
          Skip to content
        </a>
        <Providers>
          <AppHeader />
          <main id="main" className="mx-auto w-full max-w-6xl px-4 pb-24 pt-6 sm:px-6">
            {children}
          </main>
          {/* Phones: the header has no room for the theme switch; it sits at the foot of every page. */}
          <footer data-print-hide className="mx-auto flex max-w-6xl justify-end px-4 pb-6 sm:hidden">
            <ThemeSwitch />
          </footer>
        </Providers>
      </body>
    </html>
  );
}
