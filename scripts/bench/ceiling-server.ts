// The ceiling: a bare node:http server that answers every request with one captured response, headers and
// body exactly as the platform sent them. Whatever the platform does beyond this is its own cost.
// Usage: node --import tsx scripts/bench/ceiling-server.ts RESPONSE.json   (prints the port it listens on)
import fs from 'node:fs';
import http from 'node:http';

interface Captured {
  status: number;
  headers: Record<string, string>;
  bodyBase64: string;
}

const captured = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as Captured;
const body = Buffer.from(captured.bodyBase64, 'base64');
const headers = { ...captured.headers, 'content-length': String(body.length) };

const server = http.createServer((request, response) => {
  // Read the request to its end, as the platform must, so a POST is answered only once it has arrived.
  request.resume();
  request.on('end', () => {
    response.writeHead(captured.status, headers);
    response.end(body);
  });
});
server.keepAliveTimeout = 72_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') console.log(address.port);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
