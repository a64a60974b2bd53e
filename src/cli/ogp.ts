// The `ogp` command: bin/ogp.js loads this through tsx, and `npm run ogp -- …` runs it directly.
import { buildProgram } from './program.ts';

await buildProgram().parseAsync(process.argv);
