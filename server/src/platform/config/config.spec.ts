import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config';

const dataDir = () => mkdtempSync(join(tmpdir(), 'cfg-'));

describe('loadConfig', () => {
  it('defaults to the embedded mode', () => {
    const c = loadConfig({ DATA_DIR: dataDir() });
    expect(c.db.kind).toBe('sqlite');
    expect(c.port).toBe(3000);
    expect(c.role).toBe('all');
    expect(c.redisUrl).toBeUndefined();
    expect(c.demoData).toBe(true);
    expect(c.wechat.mode).toBe('sandbox');
    expect(c.secretKey.length).toBeGreaterThanOrEqual(32);
  });

  it('treats empty DB_URL and REDIS_URL as unset', () => {
    const c = loadConfig({ DATA_DIR: dataDir(), DB_URL: '', REDIS_URL: ' ' });
    expect(c.db.kind).toBe('sqlite');
    expect(c.redisUrl).toBeUndefined();
  });

  it('keeps the generated embedded key across boots', () => {
    const dir = dataDir();
    expect(loadConfig({ DATA_DIR: dir }).secretKey).toBe(loadConfig({ DATA_DIR: dir }).secretKey);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ DB_URL: 'postgres://x/y' }, 'DB_URL'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ ROLE: 'worker' }, 'ROLE'],
    [{ DB_URL: 'mysql://root@127.0.0.1:3306/test' }, 'APP_SECRET_KEY'],
    [{ ADMIN_USERNAME: 'boss' }, 'ADMIN_PASSWORD'],
    [{ BRAND_TIMEZONE: 'Mars/Base' }, 'BRAND_TIMEZONE'],
    [{ DEMO_DATA: 'maybe' }, 'DEMO_DATA'],
  ])('rejects %j naming %s', (env, name) => {
    try {
      loadConfig({ DATA_DIR: dataDir(), ...env });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).problems.join('\n')).toContain(name);
    }
  });

  it('turns demo data off by default on MySQL', () => {
    const c = loadConfig({ DB_URL: 'mysql://root@127.0.0.1:3306/test', APP_SECRET_KEY: 'x'.repeat(32) });
    expect(c.db).toEqual({ kind: 'mysql', url: 'mysql://root@127.0.0.1:3306/test' });
    expect(c.demoData).toBe(false);
    expect(c.mayGenerateOwner).toBe(false);
  });
});
