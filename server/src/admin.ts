import { runCli } from "./operator/cli.ts";

/** `npm run admin -- …`: the instance operator's command (see server/src/operator/). */
const { code, out, err } = await runCli(process.argv.slice(2));
if (out.length > 0) console.log(out.join("\n"));
if (err.length > 0) console.error(err.join("\n"));
process.exit(code);
