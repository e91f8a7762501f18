import { securityHeaders } from "./lib/security-headers.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Node and Docker deploys run `.next/standalone/server.js` (scripts/standalone/, Dockerfile). The files read at
  // run time by path (migrations, the demo simulator's videos) are not imports, so they are listed for tracing.
  output: "standalone",
  outputFileTracingIncludes: {
    "/**": ["./lib/db/migrations/**/*", "./lib/simulator/assets/*.webm"],
  },
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
