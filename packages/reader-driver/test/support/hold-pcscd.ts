// Child process for the harness test: takes pcscd, says so, and waits to be killed.
import { acquirePcscd } from '../../src/testing/pcscd-harness.node.ts';

const lease = await acquirePcscd();
process.stdout.write(`${JSON.stringify({ pid: lease.pid, startedByUs: lease.startedByUs })}\n`);
setInterval(() => {}, 60_000);
