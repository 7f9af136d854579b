import { existsSync } from 'node:fs';
import express, { type Request, type Response, type NextFunction } from 'express';
import type { Health } from '../contract';
import type { Services } from '../services';
import { AppError } from '../services/errors';
import { authorise } from './auth-middleware';
import { buildOpenApi } from './openapi';
import { originGuard } from './origin-guard';
import { errorHandler, sendError, sendOk } from './respond';
import { securityHeaders } from './security-headers';
import type { Logger } from '../services/logger';
import { requestLog } from './request-log';
import type { RouteDef } from './route-def';
import { splitKey } from './route-def';
import { depotRoutes } from './routes/depot-routes';
import { fleetRoutes } from './routes/fleet-routes';
import { liveRoutes } from './routes/live-routes';
import { planRoutes } from './routes/plan-routes';
import { referenceRoutes } from './routes/reference-routes';
import { alertRoutes } from './routes/alert-routes';
import { passRoutes } from './routes/pass-routes';
import { playbookRoutes } from './routes/playbook-routes';
import { reportRoutes } from './routes/report-routes';
import { supplyRoutes } from './routes/supply-routes';
import { supplierRoutes } from './routes/supplier-routes';
import { requestRoutes } from './routes/request-routes';
import { sessionRoutes, type SessionCookieOptions } from './routes/session-routes';
import type { EdgeConfig, MapTiles } from '../config';
import { pageShell } from './page-shell';
import { zoneRoutes } from './routes/zone-routes';
import { emptyQuerySchema as emptyQuery } from './schemas';
import { parseInput, refuseNul } from './validate';

export interface HttpAppOptions {
  services: Services;
  health: () => Health;
  version: string;
  maxBodyBytes: number;
  sessionTtlS: number;
  /** Folder of the built web pages, served at / when it exists. */
  webRoot?: string;
  /** The map tiles: written into the pages (page-shell.ts), their hosts join the CSP's img-src (null: no tiles). */
  tiles?: MapTiles | null;
  /** Local time's offset from UTC (config.live.utcOffset), written into the pages (page-shell.ts) for their days and times. */
  utcOffset: string;
  /** Each request's lines carry its request id (server/http/request-log.ts). */
  log: Logger;
  /** Allowed origins, trusted proxies, cookie flags (default: own origin only, no proxy, cookie not Secure). */
  edge?: EdgeConfig;
}

const NO_EDGE: EdgeConfig = { allowedOrigins: [], trustProxy: false, cookieSecure: false };

/** `session`: the cookie's lifetime in seconds (not Secure), or its full options. */
export function allRoutes(services: Services, health: () => Health, session: number | SessionCookieOptions): RouteDef[] {
  return [
    ...referenceRoutes(services, health),
    ...sessionRoutes(services, typeof session === 'number' ? { maxAgeS: session, secure: false } : session),
    ...zoneRoutes(services),
    ...depotRoutes(services),
    ...fleetRoutes(services),
    ...liveRoutes(services),
    ...planRoutes(services),
    ...requestRoutes(services),
    ...alertRoutes(services),
    ...passRoutes(services),
    ...playbookRoutes(services),
    ...reportRoutes(services),
    ...supplyRoutes(services),
    ...supplierRoutes(services),
  ];
}

export function createHttpApp(options: HttpAppOptions): express.Express {
  const { services, maxBodyBytes } = options;
  const edge = options.edge ?? NO_EDGE;
  const routes = allRoutes(services, options.health, { maxAgeS: options.sessionTtlS, secure: edge.cookieSecure });
  const app = express();
  app.disable('x-powered-by');
  // req.ip and req.protocol: the TCP peer's unless TRUST_PROXY names proxies to believe.
  app.set('trust proxy', edge.trustProxy);
  // First: every reply, refusals included, carries its request id, and every line logged for it.
  app.use(requestLog(options.log));
  // Before the body parsers: a forged write is refused without reading its body.
  app.use(originGuard({ allowedOrigins: edge.allowedOrigins }));
  app.set('query parser', 'simple');
  app.use(securityHeaders(options.tiles ?? null));
  app.use('/api', express.json({ limit: maxBodyBytes }));
  app.use('/api', express.text({ type: ['text/csv', 'text/plain'], limit: maxBodyBytes }));

  const openApi = buildOpenApi(routes, options.version);
  app.get('/api/openapi.json', (_req, res) => { res.json(openApi); });

  for (const def of routes) {
    const { method, path } = splitKey(def.key);
    app[method](path, async (req: Request, res: Response, next: NextFunction) => {
      try {
        const { actor, token } = await authorise(def, req, services.auth);
        refuseNul(req.params, 'params');
        refuseNul(req.query, 'query');
        if (def.body) refuseNul(req.body, 'body');
        const body = def.body ? parseBody(def, req) : undefined;
        const query = parseInput(def.query ?? emptyQuery, req.query, 'query');
        const data = await def.handler({ actor, token, params: req.params as Record<string, string>, body, query, req, res });
        if (def.replyKind === 'csv') res.status(def.successStatus ?? 200).type('text/csv; charset=utf-8').send(data);
        else sendOk(res, data, def.successStatus);
      } catch (err) {
        next(err);
      }
    });
  }

  app.use('/api', (req, res) => {
    sendError(res, { code: 'NOT_FOUND', message: `no API route ${req.method} ${req.originalUrl.split('?')[0]}` });
  });
  if (options.webRoot && existsSync(options.webRoot)) {
    const shell = pageShell(options.webRoot, { tiles: options.tiles ?? null, utcOffset: options.utcOffset });
    app.get(['/', '/index.html'], shell);
    app.use(express.static(options.webRoot, { index: false }));
    // Pages are routed in the browser: unknown non-API paths get the app shell.
    app.get(/^\/(?!api\/).*/, shell);
  }
  app.use(errorHandler(options.log));
  return app;
}


function parseBody(def: RouteDef, req: Request): unknown {
  if (def.bodyKind === 'text') {
    if (typeof req.body !== 'string') throw new AppError('VALIDATION', 'body: send the data as text/csv', 'body');
    return req.body;
  }
  if (!req.is('application/json')) throw new AppError('VALIDATION', 'body: send JSON with Content-Type application/json', 'body');
  return parseInput(def.body!, req.body, 'body');
}
