import { securityHeaders } from "./lib/security-headers.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM + data files that must be loaded from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite"],
  experimental: {
    serverActions: {
      // Uploaded reference images travel through a server action. The browser reduces them to 3 MB in total
      // (lib/uploads/prepare-images.ts), so a request stays under Vercel's 4.5 MB limit.
      bodySizeLimit: "4mb",
    },
  },
  // CSP, frame-ancestors 'none', nosniff, referrer policy (lib/security-headers.mjs).
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders() }];
  },
};

export default nextConfig;
