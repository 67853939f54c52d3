import { INestApplication } from '@nestjs/common';
import { createApp } from '../src/create-app';
import { loadConfig } from '../src/platform/config/config';
import { TestApp, bearer, eventually, startTestApp } from './harness';

/** Production shape: an API process that only enqueues, and a worker process that runs the jobs. */
describe('ROLE=api and ROLE=worker processes sharing MariaDB and Redis', () => {
  let api: TestApp;
  let worker: INestApplication | undefined;
  let token: string;

  beforeAll(async () => {
    api = await startTestApp({ redis: true, env: { ROLE: 'api' } });
    token = await api.login();
  });
  afterAll(async () => {
    await worker?.close();
    await api.close();
  });

  it('the API process queues an import but does not run it; a worker process does', async () => {
    const started = await api.http().post('/api/members/import').set(bearer(token))
      .attach('file', Buffer.from('nickname,phone\n甲,13900000001\n乙,13900000002\n'), 'm.csv').expect(202);
    await new Promise((r) => setTimeout(r, 1500));
    const waiting = (await api.http().get(`/api/members/import/${started.body.jobId}`).set(bearer(token)).expect(200)).body;
    expect(waiting.status).toBe('queued');

    const env: Record<string, string> = {
      ROLE: 'worker', DB_URL: api.config.db.kind === 'mysql' ? api.config.db.url : '', REDIS_URL: api.config.redisUrl!, QUEUE_PREFIX: api.config.queuePrefix,
      APP_SECRET_KEY: api.config.secretKey, LOG_LEVEL: 'silent', DEMO_DATA: 'off', DATA_DIR: api.config.dataDir,
    };
    worker = await createApp(loadConfig(env), { logs: false });
    await worker.init();

    const done = await eventually(async () => {
      const s = (await api.http().get(`/api/members/import/${started.body.jobId}`).set(bearer(token)).expect(200)).body;
      return s.status === 'completed' ? s : null;
    });
    expect(done).toMatchObject({ created: 2, failed: 0 });
    const health = (await api.http().get('/api/health').expect(200)).body;
    expect(health).toMatchObject({ status: 'ok', role: 'api', checks: { redis: { ok: true }, queue: { ok: true, detail: 'bullmq' } } });
  });
});
