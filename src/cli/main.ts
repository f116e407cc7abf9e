import { runCli } from './program.js';

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  now: () => new Date(),
});
process.exitCode = code;
// Exit explicitly so a stray handle (a timer in a dependency) never keeps a finished run alive.
process.exit(code);
