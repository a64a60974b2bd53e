import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from './config.ts';

// Links in emails carry secrets in the path or query; a request log must never keep them.
export function redactUrl(url: string): string {
  return url.replace(/^(\/password-reset\/)(?!sent$|complete$)[^/?#]+/, '$1[redacted]').replace(/([?&]token=)[^&#]*/g, '$1[redacted]');
}

interface LoggedRequest {
  method?: string;
  url?: string;
  ip?: string;
  hostname?: string;
  id?: string;
}

export function createLogger(config: Pick<Config, 'logLevel'>, destination?: DestinationStream): Logger {
  const options = {
    level: config.logLevel,
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password'], remove: true },
    serializers: {
      req: (request: LoggedRequest) => ({
        id: request.id,
        method: request.method,
        url: redactUrl(request.url ?? ''),
        host: request.hostname,
        remoteAddress: request.ip,
      }),
      err: pino.stdSerializers.err,
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
