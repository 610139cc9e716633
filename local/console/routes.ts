/**
 * The console's HTTP side: `GET /` (the page), its built assets, and small read-only JSON views the
 * panels poll (`/console/api/*`): the API's auth modes and tables, the schema, the outbox, the log and
 * table pages. Admin views answer loopback callers addressing a loopback host only (no CORS, so another
 * origin's page cannot read them; the Host check stops DNS rebinding).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, extname, join } from 'node:path';
import { introspectionFromSchema, type GraphQLSchema } from 'graphql';
import type { ApiDescription, TableConfig } from '../../description/types.js';
import { consoleAssets } from './build.js';
import { notModified, readServedFile } from '../http/file-validators.js';
import { DataRequestError, readPage, type DataRequest } from './data.js';
import type { LogFeed } from './log-feed.js';
import type { DynamoStore } from '../dynamodb/store.js';

export interface ConsoleSources {
  description: ApiDescription;
  schema(): GraphQLSchema;
  apiKey(): string;
  userPool?: { id: string; clientId: string };
  /** Physical table names by description table name. */
  tableNames: Record<string, string>;
  dynamo: DynamoStore;
  outbox(): unknown[];
  logFeed: LogFeed;
  requestLog: boolean;
  verbose: boolean;
}

export interface ConsoleRoutes {
  /** Whether the console serves this path (GET). */
  serves(pathname: string): boolean;
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
}

/** What the browser needs to know about the API: no secrets beyond what `amplify_outputs.json` already holds. */
export function consoleConfig(sources: ConsoleSources) {
  const { description } = sources;
  const modes = [description.auth.default, ...(description.auth.additional ?? [])];
  return {
    name: description.name,
    graphqlPath: '/graphql',
    realtimePath: '/graphql/realtime',
    authModes: modes,
    defaultAuthMode: description.auth.default,
    apiKey: modes.includes('API_KEY') ? sources.apiKey() : undefined,
    userPool: sources.userPool && description.userPool
      ? { id: sources.userPool.id, clientId: sources.userPool.clientId, endpoint: '/cognito', authFlows: description.userPool.client.authFlows }
      : undefined,
    tables: Object.fromEntries(
      Object.entries(description.tables ?? {}).map(([name, config]) => [
        name,
        { partitionKey: config.partitionKey, sortKey: config.sortKey, indexes: config.indexes ?? {} },
      ]),
    ),
    requestLog: sources.requestLog,
    verbose: sources.verbose,
  };
}

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

function page(title: string): string {
  const safe = title.replace(/[<>&"]/g, '');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${safe} · local console</title>
<link rel="stylesheet" href="/console/assets/console.css">
</head>
<body>
<div id="root"></div>
<script type="module" src="/console/assets/console.js"></script>
</body>
</html>
`;
}

const LOOPBACK_ADDRESS = /^(127\.|::1$|::ffff:127\.)/;
const LOOPBACK_HOST = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/i;

function fromLoopback(req: IncomingMessage): boolean {
  return LOOPBACK_ADDRESS.test(req.socket.remoteAddress ?? '') && LOOPBACK_HOST.test(req.headers.host ?? '');
}

function send(res: ServerResponse, status: number, body: string | Buffer, contentType: string, etag?: string): void {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff', ...(etag ? { etag } : {}) });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=UTF-8');
}

function sendError(res: ServerResponse, status: number, errorType: string, message: string): void {
  sendJson(res, status, { errors: [{ errorType, message }] });
}

function dataRequest(params: URLSearchParams): DataRequest {
  const optional = (name: string) => params.get(name) ?? undefined;
  const sortOp = optional('sortOp');
  if (sortOp !== undefined && !['=', '<', '<=', '>', '>=', 'begins_with'].includes(sortOp)) throw new DataRequestError(`Unknown sort key condition "${sortOp}".`);
  return {
    table: params.get('table') ?? '',
    index: optional('index') || undefined,
    partitionValue: optional('partitionValue'),
    sortOp: sortOp as DataRequest['sortOp'],
    sortValue: optional('sortValue'),
    limit: Number(params.get('limit') ?? 25),
    backwards: params.get('backwards') === 'true',
    cursor: optional('cursor') || undefined,
  };
}

export function createConsoleRoutes(sources: ConsoleSources): ConsoleRoutes {
  let introspection: unknown;
  let introspectedSchema: GraphQLSchema | undefined;
  const tables: Record<string, { physical: string; config: TableConfig }> = Object.fromEntries(
    Object.entries(sources.description.tables ?? {}).map(([name, config]) => [name, { physical: sources.tableNames[name], config }]),
  );

  return {
    serves: (pathname) => pathname === '/' || pathname === '/favicon.ico' || pathname.startsWith('/console/'),
    async handle(req, res, url) {
      if (!fromLoopback(req)) return sendError(res, 403, 'ForbiddenException', 'The local console answers loopback requests only.');
      const path = url.pathname;
      if (path === '/') return send(res, 200, page(sources.description.name), 'text/html; charset=utf-8');
      if (path === '/favicon.ico') return send(res, 204, '', 'image/x-icon');
      if (path.startsWith('/console/assets/')) {
        const name = basename(path);
        const type = contentTypes[extname(name)];
        if (!type || name !== path.slice('/console/assets/'.length)) return sendError(res, 404, 'NotFoundException', `No console asset ${name}.`);
        const dir = await consoleAssets();
        try {
          const file = await readServedFile(join(dir, name));
          if (notModified(req.headers, file.etag)) return send(res, 304, '', type, file.etag);
          return send(res, 200, file.body, type, file.etag);
        } catch {
          return sendError(res, 404, 'NotFoundException', `No console asset ${name}.`);
        }
      }
      if (path === '/console/api/config') return sendJson(res, 200, consoleConfig(sources));
      if (path === '/console/api/schema') {
        const schema = sources.schema();
        if (schema !== introspectedSchema) {
          introspection = introspectionFromSchema(schema);
          introspectedSchema = schema;
        }
        return sendJson(res, 200, introspection);
      }
      if (path === '/console/api/outbox') return sendJson(res, 200, sources.outbox());
      if (path === '/console/api/log') {
        const after = Number(url.searchParams.get('after') ?? 0);
        return sendJson(res, 200, sources.logFeed.after(Number.isFinite(after) ? after : 0));
      }
      if (path === '/console/api/data') {
        try {
          return sendJson(res, 200, await readPage(sources.dynamo, tables, dataRequest(url.searchParams)));
        } catch (error) {
          if (error instanceof DataRequestError) return sendError(res, 400, 'BadRequestException', error.message);
          const name = error instanceof Error ? error.name : 'Error';
          // DynamoDB's own refusals (a wrong key type, say) are the reader's to fix, not the engine's fault.
          if (error instanceof Error && '$metadata' in error) return sendError(res, 400, name, error.message);
          throw error;
        }
      }
      return sendError(res, 404, 'NotFoundException', `Nothing is served at GET ${path}.`);
    },
  };
}
