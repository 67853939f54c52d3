import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import express, { NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from './app.module';
import { AppConfig, REPO_ROOT } from './platform/config/config';
import { requestIdMiddleware } from './platform/http/request-id.middleware';
import { createValidationPipe } from './platform/http/validation.pipe';

export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const doc = new DocumentBuilder()
    .setTitle('WeChat SCRM API')
    .setDescription('Members, tags, accounts and the mini-program member API. Errors: `{statusCode, error, message, details?, requestId}`.')
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'admin access token from POST /api/auth/login' }, 'admin')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'member session from POST /api/mp/auth/login' }, 'member')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'integration API key (sk_…) from POST /api/api-keys; X-Api-Key works too' }, 'api_key')
    .build();
  return SwaggerModule.createDocument(app, doc, { operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}` });
}

/** Builds the whole application the same way for `npm start`, the worker role and the tests. */
export async function createApp(config: AppConfig, opts: { logs?: boolean } = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(opts.logs === false ? false : app.get(Logger));
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.disable('x-powered-by');
  app.use(requestIdMiddleware);
  // WeChat callbacks are verified over the exact bytes received, so they get the raw body.
  app.use('/wechat', express.raw({ type: () => true, limit: config.maxBodyBytes }));
  // …and so do requests to the sandbox WeChat Pay, which checks the merchant's signature over them.
  app.use('/sandbox/mch', express.raw({ type: () => true, limit: config.maxBodyBytes }));
  app.useBodyParser('json', { limit: config.maxBodyBytes });
  app.useBodyParser('urlencoded', { limit: config.maxBodyBytes, extended: false });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  if (config.runsApi) {
    const doc = buildOpenApi(app);
    SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/openapi.json', customSiteTitle: 'WeChat SCRM API' });
    serveSpa(app, '/admin', join(REPO_ROOT, 'admin-web', 'dist'), 'npm run build -w admin-web');
    serveSpa(app, '/h5', join(REPO_ROOT, 'miniprogram', 'dist', 'h5'), 'npm run build:h5 -w miniprogram');
    app.use((req: Request, res: Response, next: NextFunction) => (req.method === 'GET' && req.path === '/' ? res.redirect('/admin/') : next()));
  }
  return app;
}

/** Serves a built front end with history-mode fallback to its index.html. */
function serveSpa(app: NestExpressApplication, base: string, dir: string, buildHint: string) {
  const index = join(dir, 'index.html');
  app.use(base, express.static(dir, { index: false, maxAge: '1h', setHeaders: noCacheForHtml }));
  app.use(base, (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (/\.[a-z0-9]{1,8}$/i.test(req.path) && req.path !== '/index.html') {
      return res.status(404).json({ statusCode: 404, error: 'Not Found', message: `no file ${base}${req.path}` });
    }
    if (!existsSync(index)) {
      return res.status(404).type('text/plain').send(`This front end is not built yet. Run: ${buildHint}`);
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}

function noCacheForHtml(res: Response, path: string) {
  if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
}
