import "server-only";
import { recordInstallationId } from "./installation-id";
import { Worker } from "./worker";

// `npm run worker`: one worker process. SIGINT/SIGTERM stop claiming and exit; containers keep
// running and the next worker re-attaches to them.
async function main() {
  const worker = new Worker();
  await worker.start();
  await recordInstallationId().catch((error: Error) => console.error(`installation id not recorded: ${error.message}`));
  let isStopping = false;
  const stop = async (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    console.log(`worker ${worker.id}: ${signal}, stopping`);
    await worker.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
