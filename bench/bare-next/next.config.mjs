/** The bare baseline app of bench/status.ts and bench/first-start.ts (`npx next build bench/bare-next`). */
const config = {};

export default config;
