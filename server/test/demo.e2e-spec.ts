import { TestApp, bearer, startTestApp } from './harness';
import { StartupService } from '../src/startup.service';

/** The demo brand, as `npm run seed:demo` loads it into MySQL (and the embedded default on first boot). */
describe('demo brand on MariaDB', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ demo: true });
  });
  afterAll(() => t.close());

  it('has two stores with staff, 300 members with identities, tags and attributes', async () => {
    const owner = await t.login();
    const stores = (await t.http().get('/api/stores').set(bearer(owner)).expect(200)).body;
    expect(stores.map((s: { code: string }) => s.code)).toEqual(['SH01', 'BJ01']);
    const members = (await t.http().get('/api/members?limit=1').set(bearer(owner)).expect(200)).body;
    expect(members.total).toBe(300);
    const tags = (await t.http().get('/api/tags').set(bearer(owner)).expect(200)).body as { name: string; memberCount: number }[];
    expect(tags.find((x) => x.name === 'VIP')!.memberCount).toBeGreaterThan(5);
    expect((await t.http().get('/api/attribute-definitions').set(bearer(owner)).expect(200)).body).toHaveLength(5);
    const detail = (await t.http().get(`/api/members/${members.items[0].id}`).set(bearer(owner)).expect(200)).body;
    expect(detail.tags.length).toBeGreaterThan(0);
  });

  it('each demo staff login works once printed, and a store manager sees only their store', async () => {
    const demo = t.app.get(StartupService).demo!;
    const manager = demo.staff.find((s) => s.username === 'sh_manager')!;
    const token = await t.login(manager.username, manager.password);
    const page = (await t.http().get('/api/members?limit=200').set(bearer(token)).expect(200)).body;
    const stores = (await t.http().get('/api/stores').set(bearer(token)).expect(200)).body;
    expect(stores.map((s: { code: string }) => s.code)).toEqual(['SH01']);
    expect(page.total).toBeGreaterThan(50);
    expect(page.items.every((m: { storeId: number }) => m.storeId === stores[0].id)).toBe(true);
  });
});
