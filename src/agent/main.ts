/**
 * `minima agent`: runs the user's own program as the objective of a study
 * (training, a simulation), the way `wandb agent` serves sweeps. One entry
 * file, so that `deno compile src/agent/main.ts` makes a single binary to
 * ship to batch hosts and cron jobs. See ./agent.ts for the loop.
 *
 *   minima agent --study ID --count N --parallel P -- python train.py --lr {lr}
 *
 * (`agent` as the first argument is optional, so the task and a compiled
 * binary take the same arguments.)
 */
import { AgentSetupError, runAgent } from "./agent.ts";
import { parseAgentArgs, USAGE, UsageError } from "./args.ts";

async function main(argv: string[]): Promise<number> {
  if (argv[0] === "agent") argv = argv.slice(1);
  const flags = argv.includes("--") ? argv.slice(0, argv.indexOf("--")) : argv;
  if (flags.includes("--help") || flags.includes("-h")) {
    console.log(USAGE);
    return 0;
  }
  let options;
  try {
    options = parseAgentArgs(argv, (name) => Deno.env.get(name));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`minima agent: ${error.message}\n${USAGE}`);
    return 2;
  }
  try {
    return await runAgent(options);
  } catch (error) {
    console.error(`minima agent: ${(error as Error).message}`);
    return error instanceof AgentSetupError || error instanceof UsageError ? 2 : 1;
  }
}

Deno.exit(await main(Deno.args));
