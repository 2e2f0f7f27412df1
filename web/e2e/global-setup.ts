import { execSync } from "node:child_process";

/**
 * Browser tests run against the web client as built now. Vitest sets NODE_ENV=test, which Vite
 * would bake into the bundle (React's development build); people get the production build.
 */
export default function setup() {
  execSync("npm run build --workspace web", { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
}
