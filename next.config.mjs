/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM + data files that must be loaded from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite"],
  experimental: {
    serverActions: {
      // Uploaded reference images travel through a server action (see lib/validation/uploads.ts).
      bodySizeLimit: "4mb",
    },
  },
};

export default nextConfig;
