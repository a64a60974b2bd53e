import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** OGP's published commitment data (open-parliament extract), kept beside the project rather than inside it. */
export const DEFAULT_COMMITMENTS_CSV = path.resolve(projectRoot, '..', 'shared', 'data', 'ogp', 'g0v-ogp-commitments_open_parliament_0703.csv');
