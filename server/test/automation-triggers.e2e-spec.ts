import { StepRunnerService } from '../src/automation/engine/step-runner.service';
import { chooseSplitPort } from '../src/automation/nodes/split-ab.node';
import { TestApp, bearer, eventually, startTestApp } from './harness';

type Graph = { nodes: { id: string; type: string; config: object }[]; edges: { from: string; port: string; to: string }[] };
type Journey = { enrollmentId: number; status: string; steps: { nodeId: string; outcome: string; detail: Record<string, unknown> | null }[] }[];

/** Members enter flows when something happens to them; conditions, splits and member updates along the way. */
describe('automation triggers and executors (MariaDB)', () => {
  let t: TestApp;
  let owner: string;
  let key: string;
  const h = () => t.http();

  const publish = async (name: string, graph: Graph): Promise<number> => {
    const id = (await h().post('/api/automation/flows').set(bearer(owner)).send({ name, graph }).expect(201)).body.id as number;
    await h().post(`/api/automation/flows/${id}/publish`).set(bearer(owner)).expect(200);
    return id;
  };
  const chain = (...ids: string[]) => ids.slice(1).map((to, i) => ({ from: ids[i], port: 'next', to }));
  const member = async (body: object): Promise<number> => (await h().post('/api/members').set(bearer(owner)).send(body).expect(201)).body.id;
  const journey = async (flow: number, m: number): Promise<Journey> => (await h().get(`/api/automation/flows/${flow}/members/${m}/journey`).set(bearer(owner)).expect(200)).body;
  const newTag = async (name: string): Promise<number> => (await h().post('/api/tags').set(bearer(owner)).send({ name }).expect(201)).body.id;
  const hasTag = async (m: number, tag: number) => ((await t.ds.query('SELECT 1 FROM member_tag WHERE member_id = ? AND tag_id = ?', [m, tag])) as unknown[]).length > 0;
  const enroll = (flow: number, memberIds: number[]) => h().post(`/api/automation/flows/${flow}/enroll`).set(bearer(owner)).send({ memberIds }).expect(200);

  beforeAll(async () => {
    t = await startTestApp();
    owner = await t.login();
    key = (await h().post('/api/api-keys').set(bearer(owner)).send({ name: 'POS system' }).expect(201)).body.key;
  });
  afterAll(() => t.close());

  it('a custom event posted through the API enrolls its member once while the first journey is under way', async () => {
    const visited = await newTag('到店');
    const flow = await publish('到店礼', {
      nodes: [
        { id: 'visit', type: 'trigger.event', config: { eventType: 'custom.store_visit', properties: [{ name: 'store', operator: 'eq', value: 'SH01' }] } },
        { id: 'tag', type: 'action.add_tag', config: { tagIds: [visited] } },
        { id: 'wait', type: 'wait.duration', config: { wait: { amount: 1, unit: 'days' } } },
        { id: 'end', type: 'goal.end', config: {} },
      ],
      edges: chain('visit', 'tag', 'wait', 'end'),
    });
    const [a, other] = [await member({ nickname: '到店甲' }), await member({ nickname: '别店乙' })];
    await h().post('/api/events').set('X-Api-Key', key).send({ type: 'custom.store_visit', memberId: a, properties: { store: 'SH01' } }).expect(202);
    await h().post('/api/events').set('X-Api-Key', key).send({ type: 'custom.store_visit', memberId: other, properties: { store: 'BJ01' } }).expect(202);

    await eventually(async () => (await journey(flow, a))[0]?.status === 'waiting');
    expect(await hasTag(a, visited)).toBe(true);
    const [entered] = await journey(flow, a);
    const [{ id: eventId }] = await t.ds.query("SELECT id FROM event WHERE member_id = ? AND type = 'custom.store_visit'", [a]);
    expect(entered.steps[0]).toMatchObject({ nodeId: 'visit', outcome: 'next', detail: { eventId: Number(eventId), eventType: 'custom.store_visit' } });

    // a second visit while the member is still waiting does not enroll them again
    await h().post('/api/events').set('X-Api-Key', key).send({ type: 'custom.store_visit', memberId: a, properties: { store: 'SH01' } }).expect(202);
    await new Promise((r) => setTimeout(r, 500));
    expect(await journey(flow, a)).toHaveLength(1);
    // the filtered-out store never entered
    expect(await journey(flow, other)).toEqual([]);
  });

  it('adding a tag enrolls the member into a tag-added flow; a paused flow takes nobody', async () => {
    const [vip, welcomed] = [await newTag('VIP'), await newTag('已欢迎')];
    const flow = await publish('VIP 欢迎', {
      nodes: [
        { id: 'tagged', type: 'trigger.tag_added', config: { tagIds: [vip] } },
        { id: 'welcome', type: 'action.add_tag', config: { tagIds: [welcomed] } },
        { id: 'end', type: 'goal.end', config: {} },
      ],
      edges: chain('tagged', 'welcome', 'end'),
    });
    const m = await member({ nickname: '贵宾' });
    await h().post(`/api/members/${m}/tags`).set(bearer(owner)).send({ tagIds: [vip] }).expect((r) => expect(r.status).toBeLessThan(300));
    await eventually(async () => (await journey(flow, m))[0]?.status === 'completed');
    expect(await hasTag(m, welcomed)).toBe(true);
    expect((await journey(flow, m))[0].steps[0]).toMatchObject({ nodeId: 'tagged', detail: { tagIds: [vip], action: 'tag added' } });

    await h().post(`/api/automation/flows/${flow}/pause`).set(bearer(owner)).expect(200);
    const later = await member({ nickname: '暂停后' });
    await h().post(`/api/members/${later}/tags`).set(bearer(owner)).send({ tagIds: [vip] }).expect((r) => expect(r.status).toBeLessThan(300));
    await new Promise((r) => setTimeout(r, 500));
    expect(await journey(flow, later)).toEqual([]);
  });

  it('if/else on a segment rule sends a Shanghai member down yes and another down no', async () => {
    const [yes, no] = [await newTag('上海分支'), await newTag('其他分支')];
    const flow = await publish('按城市', {
      nodes: [
        { id: 'start', type: 'trigger.manual', config: {} },
        { id: 'city', type: 'condition.if_else', config: { rule: { kind: 'attribute', field: 'city', operator: 'eq', value: '上海' } } },
        { id: 'sh', type: 'action.add_tag', config: { tagIds: [yes] } },
        { id: 'else', type: 'action.add_tag', config: { tagIds: [no] } },
        { id: 'end', type: 'goal.end', config: {} },
      ],
      edges: [...chain('start', 'city'), { from: 'city', port: 'yes', to: 'sh' }, { from: 'city', port: 'no', to: 'else' }, ...chain('sh', 'end'), ...chain('else', 'end')],
    });
    const [sh, bj] = [await member({ nickname: '沪', city: '上海' }), await member({ nickname: '京', city: '北京' })];
    await enroll(flow, [sh, bj]);
    await eventually(async () => (await journey(flow, sh))[0]?.status === 'completed' && (await journey(flow, bj))[0]?.status === 'completed');
    expect((await journey(flow, sh))[0].steps.map((s) => s.outcome)).toEqual(['next', 'yes', 'next', 'completed']);
    expect((await journey(flow, bj))[0].steps.map((s) => s.outcome)).toEqual(['next', 'no', 'next', 'completed']);
    expect([await hasTag(sh, yes), await hasTag(sh, no), await hasTag(bj, yes), await hasTag(bj, no)]).toEqual([true, false, false, true]);
  });

  it('an A/B split divides 200 members about evenly, each by its enrollment, and a replayed step changes nothing', async () => {
    const config = { variants: [{ key: 'a', percent: 50 }, { key: 'b', percent: 50 }] };
    const flow = await publish('A/B', {
      nodes: [
        { id: 'start', type: 'trigger.manual', config: {} },
        { id: 'split', type: 'split.ab', config },
        { id: 'end_a', type: 'goal.end', config: {} },
        { id: 'end_b', type: 'goal.end', config: {} },
      ],
      edges: [{ from: 'start', port: 'next', to: 'split' }, { from: 'split', port: 'a', to: 'end_a' }, { from: 'split', port: 'b', to: 'end_b' }],
    });
    const ids: number[] = [];
    for (let i = 0; i < 200; i++) ids.push(await member({ nickname: `ab${i}` }));
    await enroll(flow, ids);
    await eventually(async () => Number((await t.ds.query("SELECT COUNT(*) AS n FROM flow_enrollment WHERE flow_id = ? AND status = 'completed'", [flow]))[0].n) === 200, 30_000);
    const rows: { enrollment_id: number; outcome: string }[] = await t.ds.query(
      "SELECT l.enrollment_id, l.outcome FROM flow_step_log l JOIN flow_enrollment e ON e.id = l.enrollment_id WHERE e.flow_id = ? AND l.node_id = 'split'",
      [flow],
    );
    expect(rows).toHaveLength(200);
    const a = rows.filter((r) => r.outcome === 'a').length;
    expect(a).toBeGreaterThan(70);
    expect(a).toBeLessThan(130);
    for (const r of rows) expect(r.outcome).toBe(chooseSplitPort(config, Number(r.enrollment_id), 'split'));

    // the same step run again (a duplicate job) is skipped: no second log, the branch stands
    const one = Number(rows[0].enrollment_id);
    expect(await t.app.get(StepRunnerService).run({ enrollmentId: one, nodeId: 'split' })).toMatchObject({ status: 'skipped' });
    expect(await t.ds.query("SELECT outcome FROM flow_step_log WHERE enrollment_id = ? AND node_id = 'split'", [one])).toEqual([{ outcome: rows[0].outcome }]);
  });

  it('set attribute and change lifecycle stage update the member', async () => {
    await h().post('/api/attribute-definitions').set(bearer(owner)).send({ key: 'fav_store', label: '常去门店', type: 'string' }).expect(201);
    const flow = await publish('记录门店', {
      nodes: [
        { id: 'start', type: 'trigger.manual', config: {} },
        { id: 'attr', type: 'action.set_attribute', config: { field: 'attributes.fav_store', value: 'SH01' } },
        { id: 'stage', type: 'action.set_lifecycle_stage', config: { stage: 'loyal' } },
        { id: 'end', type: 'goal.end', config: {} },
      ],
      edges: chain('start', 'attr', 'stage', 'end'),
    });
    const m = await member({ nickname: '常客' });
    await enroll(flow, [m]);
    await eventually(async () => (await journey(flow, m))[0]?.status === 'completed');
    const detail = (await h().get(`/api/members/${m}`).set(bearer(owner)).expect(200)).body;
    expect(detail.attributes).toMatchObject({ fav_store: 'SH01' });
    expect(detail.lifecycleStage).toBe('loyal');
  });
});
