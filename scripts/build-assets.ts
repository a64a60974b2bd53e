// Compiles the stylesheet and copies browser scripts into public/build, served at /assets/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as sass from 'sass';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'public', 'build');
fs.mkdirSync(out, { recursive: true });

const css = sass.compile(path.join(root, 'src', 'assets', 'styles.scss'), {
  style: 'compressed',
  importers: [new sass.NodePackageImporter(root)],
  quietDeps: true,
  silenceDeprecations: ['import'],
});
fs.writeFileSync(path.join(out, 'app.css'), css.css);
fs.copyFileSync(path.join(root, 'node_modules', 'govuk-frontend', 'dist', 'govuk', 'govuk-frontend.min.js'), path.join(out, 'govuk-frontend.min.js'));
fs.copyFileSync(path.join(root, 'src', 'assets', 'app.js'), path.join(out, 'app.js'));
fs.copyFileSync(path.join(root, 'src', 'assets', 'favicon.svg'), path.join(out, 'favicon.svg'));
console.log(`assets built in ${path.relative(root, out)}`);
