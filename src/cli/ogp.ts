// The `ogp` command: bin/ogp.js loads this through tsx, and `npm run ogp -- …` runs it directly.
import { runCli } from './program.ts';

process.exitCode = await runCli(process.argv.slice(2));
