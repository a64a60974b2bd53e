// The ceiling: a bare node:http server that answers each address with the response the platform gave for it,
// headers and body exactly as the platform sent them (an address it was not given gets the first response).
// Whatever the platform does beyond this is its own cost.
// Usage: node --import tsx scripts/bench/ceiling-server.ts RESPONSES.json   (prints the port it listens on)
import fs from 'node:fs';
import http from 'node:http';

interface Captured {
  path: string;
  status: number;
  headers: Record<string, string>;
  bodyBase64: string;
}

interface Ready {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const ready = (captured: Captured): Ready => {
  const body = Buffer.from(captured.bodyBase64, 'base64');
  return { status: captured.status, headers: { ...captured.headers, 'content-length': String(body.length) }, body };
};

const list = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as Captured[];
if (list.length === 0) throw new Error('the ceiling needs at least one captured response');
const byPath = new Map(list.map((captured) => [captured.path, ready(captured)]));
const fallback = byPath.get(list[0]!.path)!;

const server = http.createServer((request, response) => {
  const answer = byPath.get(request.url ?? '') ?? fallback;
  // Read the request to its end, as the platform must, so a POST is answered only once it has arrived.
  request.resume();
  request.on('end', () => {
    response.writeHead(answer.status, answer.headers);
    response.end(answer.body);
  });
});
server.keepAliveTimeout = 72_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') console.log(address.port);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
