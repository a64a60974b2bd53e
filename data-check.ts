import { sql } from 'kysely';
import { openDatabase } from './src/db/database.ts';
import { matchDocuments, searchTerms } from './src/db/fulltext.ts';
const h = openDatabase(process.env.URL!);
const q = async (t: string) => (await sql.raw(t).execute(h.db)).rows;
console.log(await q('select count(*) as n from commitments'), await q('select count(*) as n, max(doc_id) as mx from commitment_search'));
for (const w of ['open data', 'transparency', 'AL0001']) console.log(w, (await matchDocuments(h.db, searchTerms(w), { ranked: false })).length);
if (h.sqlite) console.log(h.sqlite.prepare("select name from sqlite_master where type='trigger' and name like 'commitment_search_%'").pluck().all());
await h.close();
