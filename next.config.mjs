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
      // Uploaded reference images travel through a server action (see lib/validation/uploads.ts).
      bodySizeLimit: "25mb",
    },
  },
};

export default nextConfig;
