import { AutomationClock } from '../src/automation/engine/automation-clock';
import { EnrollmentsService } from '../src/automation/engine/enrollments.service';
import { TestApp, bearer, eventually, startTestApp } from './harness';

type Graph = { nodes: { id: string; type: string; config: object }[]; edges: { from: string; port: string; to: string }[] };
type Journey = { enrollmentId: number; status: string; currentNodeId: string | null; wakeAt: string | null; lastError: string | null; steps: { at: string; nodeId: string; nodeType: string; outcome: string; detail: Record<string, unknown> | null }[] }[];

const DAY = 86_400_000;

/** Members enrolled by hand move through a flow step by step; waits end when the clock says so. */
describe.each([
  ['MariaDB', 'mysql' as const],
  ['embedded SQLite', 'sqlite' as const],
])('automation engine (%s)', (_name, db) => {
  let t: TestApp;
  let owner: string;
  let staff: string;
  let clock: AutomationClock;
  let engine: EnrollmentsService;
  let tag: number;
  const h = () => t.http();

  const publish = async (name: string, graph: Graph): Promise<number> => {
    const id = (await h().post('/api/automation/flows').set(bearer(owner)).send({ name, graph }).expect(201)).body.id as number;
    await h().post(`/api/automation/flows/${id}/publish`).set(bearer(owner)).expect(200);
    return id;
  };
  const member = async (nickname: string): Promise<number> => (await h().post('/api/members').set(bearer(owner)).send({ nickname }).expect(201)).body.id;
  const journey = async (flow: number, m: number): Promise<Journey> => (await h().get(`/api/automation/flows/${flow}/members/${m}/journey`).set(bearer(owner)).expect(200)).body;
  const tagged = async (): Promise<number[]> => ((await t.ds.query('SELECT member_id FROM member_tag WHERE tag_id = ? ORDER BY member_id', [tag])) as { member_id: number }[]).map((r) => Number(r.member_id));

  beforeAll(async () => {
    t = await startTestApp({ db });
    owner = await t.login();
    clock = t.app.get(AutomationClock);
    engine = t.app.get(EnrollmentsService);
    const store = (await h().post('/api/stores').set(bearer(owner)).send({ name: '门店', code: 'E1' }).expect(201)).body.id;
    await h().post('/api/users').set(bearer(owner)).send({ username: 'e_staff', password: 'Passw0rd!x', displayName: 's', role: 'store_manager', storeIds: [store] }).expect(201);
    staff = await t.login('e_staff', 'Passw0rd!x');
    tag = (await h().post('/api/tags').set(bearer(owner)).send({ name: '试用中' }).expect(201)).body.id;
  });
  afterAll(async () => {
    clock.set(null);
    await t.close();
  });

  it('tags enrolled members, holds them three days, then removes the tag and finishes; the journey shows every step', async () => {
    // a fixed start in the brand's zone: 2026-11-01 10:00 Asia/Shanghai
    expect(t.config.timezone).toBe('Asia/Shanghai');
    const start = new Date('2026-11-01T10:00:00+08:00');
    clock.set(start);
    const flow = await publish('试用三天', {
      nodes: [
        { id: 'start', type: 'trigger.manual', config: {} },
        { id: 'tag', type: 'action.add_tag', config: { tagIds: [tag] } },
        { id: 'wait', type: 'wait.duration', config: { wait: { amount: 3, unit: 'days' } } },
        { id: 'untag', type: 'action.remove_tag', config: { tagIds: [tag] } },
        { id: 'end', type: 'goal.end', config: {} },
      ],
      edges: [
        { from: 'start', port: 'next', to: 'tag' },
        { from: 'tag', port: 'next', to: 'wait' },
        { from: 'wait', port: 'next', to: 'untag' },
        { from: 'untag', port: 'next', to: 'end' },
      ],
    });
    const [a, b] = [await member('甲'), await member('乙')];

    const first = (await h().post(`/api/automation/flows/${flow}/enroll`).set(bearer(owner)).send({ memberIds: [a, b, a] }).expect(200)).body;
    expect(first).toEqual({ flowVersion: 1, enrolled: [a, b], alreadyEnrolled: [] });
    const again = (await h().post(`/api/automation/flows/${flow}/enroll`).set(bearer(owner)).send({ memberIds: [a] }).expect(200)).body;
    expect(again).toEqual({ flowVersion: 1, enrolled: [], alreadyEnrolled: [a] });
    await h().post(`/api/automation/flows/${flow}/enroll`).set(bearer(owner)).send({ memberIds: [999999] }).expect(400);
    await h().post(`/api/automation/flows/${flow}/enroll`).set(bearer(owner)).send({ memberIds: [] }).expect(400);

    // both are tagged and waiting three days
    await eventually(async () => (await journey(flow, a))[0]?.status === 'waiting' && (await journey(flow, b))[0]?.status === 'waiting');
    expect(await tagged()).toEqual([a, b]);
    const waiting = (await journey(flow, a))[0];
    expect(waiting.currentNodeId).toBe('untag');
    expect(new Date(waiting.wakeAt!).getTime()).toBe(start.getTime() + 3 * DAY);

    // not yet due a minute early
    clock.set(new Date(start.getTime() + 3 * DAY - 60_000));
    expect(await engine.wakeDue(clock.now())).toEqual({ woken: 0 });
    clock.set(new Date(start.getTime() + 3 * DAY));
    expect(await engine.wakeDue(clock.now())).toEqual({ woken: 2 });
    await eventually(async () => (await journey(flow, a))[0]?.status === 'completed' && (await journey(flow, b))[0]?.status === 'completed');
    expect(await tagged()).toEqual([]);

    const [done] = await journey(flow, a);
    expect(done.steps.map((s) => [s.nodeId, s.nodeType, s.outcome])).toEqual([
      ['start', 'trigger.manual', 'next'],
      ['tag', 'action.add_tag', 'next'],
      ['wait', 'wait.duration', 'next'],
      ['untag', 'action.remove_tag', 'next'],
      ['end', 'goal.end', 'completed'],
    ]);
    expect(done.steps[1].detail).toEqual({ tagIds: [tag], added: 1 });
    expect(done.steps[2].detail).toEqual({ until: new Date(start.getTime() + 3 * DAY).toISOString() });
    expect(done.steps[3].detail).toEqual({ tagIds: [tag], removed: 1 });
    expect(new Date(done.steps[3].at).getTime()).toBe(start.getTime() + 3 * DAY);

    // finished, the member may enter again; the journey lists the new enrollment first
    clock.set(new Date(start.getTime() + 4 * DAY));
    expect((await h().post(`/api/automation/flows/${flow}/enroll`).set(bearer(owner)).send({ memberIds: [a] }).expect(200)).body.enrolled).toEqual([a]);
    await eventually(async () => (await journey(flow, a))[0]?.status === 'waiting');
    const both = await journey(flow, a);
    expect(both).toHaveLength(2);
    expect(both[0].enrollmentId).toBeGreaterThan(both[1].enrollmentId);
    expect(both[1].status).toBe('completed');
  });

  it('fails the enrollment, with the reason, at a node type that cannot run yet', async () => {
    const flow = await publish('短信试运行', {
      nodes: [
        { id: 'start', type: 'trigger.manual', config: {} },
        { id: 'sms', type: 'action.sms', config: { text: '你好' } },
        { id: 'end', type: 'goal.end', config: {} },
      ],
      edges: [
        { from: 'start', port: 'next', to: 'sms' },
        { from: 'sms', port: 'next', to: 'end' },
      ],
    });
    const m = await member('丙');
    await h().post(`/api/automation/flows/${flow}/enroll`).set(bearer(owner)).send({ memberIds: [m] }).expect(200);
    const [failed] = await eventually(async () => {
      const j = await journey(flow, m);
      return j[0]?.status === 'failed' && j;
    });
    expect(failed.lastError).toBe('node type action.sms has no executor yet');
    expect(failed.steps.map((s) => [s.nodeId, s.outcome])).toEqual([
      ['start', 'next'],
      ['sms', 'failed'],
    ]);
    expect(failed.steps[1].detail).toEqual({ error: 'node type action.sms has no executor yet' });
    // a failed enrollment no longer blocks entering again
    expect((await h().post(`/api/automation/flows/${flow}/enroll`).set(bearer(owner)).send({ memberIds: [m] }).expect(200)).body.enrolled).toEqual([m]);
  });

  it('refuses members for draft, paused and non-manual flows, and for store roles', async () => {
    const m = await member('丁');
    const draft = (await h().post('/api/automation/flows').set(bearer(owner)).send({ name: '草稿' }).expect(201)).body.id;
    expect((await h().post(`/api/automation/flows/${draft}/enroll`).set(bearer(owner)).send({ memberIds: [m] }).expect(409)).body.message).toMatch(/active flow/);

    const graph: Graph = { nodes: [{ id: 'start', type: 'trigger.manual', config: {} }, { id: 'end', type: 'goal.end', config: {} }], edges: [{ from: 'start', port: 'next', to: 'end' }] };
    const paused = await publish('暂停的', graph);
    await h().post(`/api/automation/flows/${paused}/pause`).set(bearer(owner)).expect(200);
    await h().post(`/api/automation/flows/${paused}/enroll`).set(bearer(owner)).send({ memberIds: [m] }).expect(409);
    await h().post(`/api/automation/flows/${paused}/resume`).set(bearer(owner)).expect(200);
    await h().post(`/api/automation/flows/${paused}/enroll`).set(bearer(owner)).send({ memberIds: [m] }).expect(200);

    const byEvent = await publish('按事件', { nodes: [{ id: 'start', type: 'trigger.event', config: { eventType: 'oa.subscribe' } }, { id: 'end', type: 'goal.end', config: {} }], edges: [{ from: 'start', port: 'next', to: 'end' }] });
    expect((await h().post(`/api/automation/flows/${byEvent}/enroll`).set(bearer(owner)).send({ memberIds: [m] }).expect(409)).body.message).toMatch(/Manual or API enrollment/);

    await h().post('/api/automation/flows/999999/enroll').set(bearer(owner)).send({ memberIds: [m] }).expect(404);
    await h().post(`/api/automation/flows/${paused}/enroll`).set(bearer(staff)).send({ memberIds: [m] }).expect(403);
    await h().get(`/api/automation/flows/${paused}/members/${m}/journey`).set(bearer(staff)).expect(403);
  });
});
