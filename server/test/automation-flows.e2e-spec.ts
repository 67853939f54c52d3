import { TestApp, bearer, startTestApp } from './harness';

type Graph = { nodes: { id: string; type: string; config: object; position?: object }[]; edges: { from: string; port: string; to: string }[] };

/** Flows over HTTP: drafts, validation naming nodes, immutable versions, status changes (graphs are JSON columns on both databases). */
describe.each([
  ['MariaDB', 'mysql' as const],
  ['embedded SQLite', 'sqlite' as const],
])('automation flows (%s)', (_name, db) => {
  let t: TestApp;
  let owner: string;
  let staff: string;
  let vip: number;
  let segment: number;
  const h = () => t.http();

  /** follow → wait 1 day → VIP? yes: tag + template message; no: end */
  const welcome = (): Graph => ({
    nodes: [
      { id: 'start', type: 'trigger.event', config: { eventType: 'oa.subscribe', properties: [{ name: 'scene', operator: 'eq', value: 'store_qr' }] }, position: { x: 0, y: 0 } },
      { id: 'wait', type: 'wait.duration', config: { wait: { amount: 1, unit: 'days' } } },
      { id: 'isVip', type: 'condition.if_else', config: { rule: { kind: 'tags', match: 'any', tagIds: [vip] } } },
      { id: 'tag', type: 'action.add_tag', config: { tagIds: [vip] } },
      { id: 'msg', type: 'action.oa_template', config: { templateId: 'TPL_WELCOME', data: { first: '{{member.nickname}}，欢迎关注' } } },
      { id: 'done', type: 'goal.end', config: {} },
    ],
    edges: [
      { from: 'start', port: 'next', to: 'wait' },
      { from: 'wait', port: 'next', to: 'isVip' },
      { from: 'isVip', port: 'yes', to: 'tag' },
      { from: 'isVip', port: 'no', to: 'done' },
      { from: 'tag', port: 'next', to: 'msg' },
      { from: 'msg', port: 'next', to: 'done' },
    ],
  });

  beforeAll(async () => {
    t = await startTestApp({ db });
    owner = await t.login();
    const store = (await h().post('/api/stores').set(bearer(owner)).send({ name: '门店', code: 'F1' }).expect(201)).body.id;
    await h().post('/api/users').set(bearer(owner)).send({ username: 'f_staff', password: 'Passw0rd!x', displayName: 's', role: 'store_manager', storeIds: [store] }).expect(201);
    staff = await t.login('f_staff', 'Passw0rd!x');
    vip = (await h().post('/api/tags').set(bearer(owner)).send({ name: 'VIP' }).expect(201)).body.id;
    segment = (await h().post('/api/segments').set(bearer(owner)).send({ name: '上海会员', type: 'dynamic', rule: { kind: 'attribute', field: 'city', operator: 'eq', value: '上海' } }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  it('lists every node type with both languages, a config schema and its ports', async () => {
    const types = (await h().get('/api/automation/node-types').set(bearer(owner)).expect(200)).body as { type: string; category: string; label: { zh: string; en: string }; configSchema: object; ports: string[]; dynamicPorts: boolean }[];
    expect(types.length).toBeGreaterThanOrEqual(29);
    for (const c of ['trigger', 'condition', 'split', 'wait', 'action', 'goal']) expect(types.some((x) => x.category === c)).toBe(true);
    const ab = types.find((x) => x.type === 'split.ab')!;
    expect(ab.dynamicPorts).toBe(true);
    expect(types.find((x) => x.type === 'condition.wait_for_event')!.ports).toEqual(['yes', 'timeout']);
    expect(types.find((x) => x.type === 'goal.end')!.ports).toEqual([]);
    expect(types.every((x) => x.label.zh && x.label.en && x.configSchema)).toBe(true);
    await h().get('/api/automation/node-types').set(bearer(staff)).expect(403);
  });

  it('creates, saves, validates, publishes versions that never change, and moves through its statuses', async () => {
    const created = (await h().post('/api/automation/flows').set(bearer(owner)).send({ name: '新关注欢迎', description: '关注后一天发欢迎消息' }).expect(201)).body;
    expect(created).toMatchObject({ status: 'draft', latestVersion: null, unpublishedChanges: true, graph: { nodes: [], edges: [] }, versions: [] });
    const id = created.id as number;
    await h().post('/api/automation/flows').set(bearer(owner)).send({ name: '新关注欢迎' }).expect(409);

    // an empty draft: no trigger
    let v = (await h().post(`/api/automation/flows/${id}/validate`).set(bearer(owner)).expect(200)).body;
    expect(v.valid).toBe(false);
    expect(v.errors).toContainEqual(expect.objectContaining({ path: 'nodes', message: 'a flow needs at least one trigger' }));

    // a draft with mistakes is saved as is, and validation names the nodes
    const broken = welcome();
    broken.nodes[1].config = { wait: { amount: 0, unit: 'days' } };
    broken.nodes[2].config = { rule: { kind: 'attribute', field: 'shoeSize', operator: 'eq', value: 42 } };
    broken.edges = broken.edges.filter((e) => e.from !== 'msg');
    broken.nodes.push({ id: 'orphan', type: 'action.sms', config: { text: '你好' } });
    await h().patch(`/api/automation/flows/${id}`).set(bearer(owner)).send({ graph: broken }).expect(200);
    v = (await h().post(`/api/automation/flows/${id}/validate`).set(bearer(owner)).expect(200)).body;
    expect(v.valid).toBe(false);
    expect(v.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ nodeId: 'wait', path: 'nodes[1].config.wait.amount' }),
      expect.objectContaining({ nodeId: 'isVip', path: expect.stringMatching(/^nodes\[2\]\.config\.rule\.field/) }),
      expect.objectContaining({ nodeId: 'msg', message: 'port next is not connected' }),
      expect.objectContaining({ nodeId: 'orphan', message: 'orphan cannot be reached from a trigger' }),
    ]));
    const refused = (await h().post(`/api/automation/flows/${id}/publish`).set(bearer(owner)).expect(400)).body;
    expect(refused.details).toEqual(expect.arrayContaining([expect.objectContaining({ nodeId: 'wait', path: 'nodes[1].config.wait.amount' })]));
    expect((await h().get(`/api/automation/flows/${id}`).set(bearer(owner)).expect(200)).body).toMatchObject({ status: 'draft', latestVersion: null });

    // resuming or pausing a draft is refused
    await h().post(`/api/automation/flows/${id}/resume`).set(bearer(owner)).expect(409);
    await h().post(`/api/automation/flows/${id}/pause`).set(bearer(owner)).expect(409);

    // fixed: publish v1
    await h().patch(`/api/automation/flows/${id}`).set(bearer(owner)).send({ graph: welcome() }).expect(200);
    expect((await h().post(`/api/automation/flows/${id}/validate`).set(bearer(owner)).expect(200)).body).toEqual({ valid: true, errors: [] });
    const v1 = (await h().post(`/api/automation/flows/${id}/publish`).set(bearer(owner)).expect(200)).body;
    expect(v1).toMatchObject({ status: 'active', latestVersion: 1, unpublishedChanges: false });
    expect(v1.versions).toHaveLength(1);

    // edit the draft: the list says it changed; v1 stays as published
    const edited = welcome();
    edited.nodes[1].config = { wait: { amount: 3, unit: 'days' } };
    await h().patch(`/api/automation/flows/${id}`).set(bearer(owner)).send({ graph: edited, description: '三天后' }).expect(200);
    let listed = (await h().get('/api/automation/flows').set(bearer(owner)).expect(200)).body.find((f: { id: number }) => f.id === id);
    expect(listed).toMatchObject({ status: 'active', latestVersion: 1, unpublishedChanges: true, description: '三天后', nodeCount: 6 });
    const v2 = (await h().post(`/api/automation/flows/${id}/publish`).set(bearer(owner)).expect(200)).body;
    expect(v2).toMatchObject({ latestVersion: 2, unpublishedChanges: false });
    const one = (await h().get(`/api/automation/flows/${id}/versions/1`).set(bearer(owner)).expect(200)).body;
    const two = (await h().get(`/api/automation/flows/${id}/versions/2`).set(bearer(owner)).expect(200)).body;
    expect(one.graph.nodes[1].config).toEqual({ wait: { amount: 1, unit: 'days' } });
    expect(two.graph.nodes[1].config).toEqual({ wait: { amount: 3, unit: 'days' } });
    expect((await h().get(`/api/automation/flows/${id}/versions`).set(bearer(owner)).expect(200)).body.map((x: { version: number }) => x.version)).toEqual([2, 1]);
    await h().get(`/api/automation/flows/${id}/versions/3`).set(bearer(owner)).expect(404);

    // pause → publishing keeps it paused → resume → archive
    expect((await h().post(`/api/automation/flows/${id}/pause`).set(bearer(owner)).expect(200)).body.status).toBe('paused');
    await h().post(`/api/automation/flows/${id}/pause`).set(bearer(owner)).expect(409);
    await h().patch(`/api/automation/flows/${id}`).set(bearer(owner)).send({ graph: welcome() }).expect(200);
    expect((await h().post(`/api/automation/flows/${id}/publish`).set(bearer(owner)).expect(200)).body).toMatchObject({ status: 'paused', latestVersion: 3 });
    expect((await h().post(`/api/automation/flows/${id}/resume`).set(bearer(owner)).expect(200)).body.status).toBe('active');
    expect((await h().get('/api/automation/flows?status=active').set(bearer(owner)).expect(200)).body.map((f: { id: number }) => f.id)).toContain(id);
    expect((await h().post(`/api/automation/flows/${id}/archive`).set(bearer(owner)).expect(200)).body.status).toBe('archived');
    await h().post(`/api/automation/flows/${id}/archive`).set(bearer(owner)).expect(409);
    await h().post(`/api/automation/flows/${id}/resume`).set(bearer(owner)).expect(409);
    await h().post(`/api/automation/flows/${id}/publish`).set(bearer(owner)).expect(409);
    await h().patch(`/api/automation/flows/${id}`).set(bearer(owner)).send({ name: '改名' }).expect(409);
    expect((await h().get('/api/automation/flows?status=active').set(bearer(owner)).expect(200)).body.map((f: { id: number }) => f.id)).not.toContain(id);

    // every change is audited
    const audit = (await h().get(`/api/audit-logs?entityType=flow&entityId=${id}&limit=50`).set(bearer(owner)).expect(200)).body.items.map((a: { action: string }) => a.action);
    expect(audit).toEqual(expect.arrayContaining(['flow.create', 'flow.update', 'flow.publish', 'flow.pause', 'flow.resume', 'flow.archive']));
    listed = (await h().get(`/api/automation/flows/${id}`).set(bearer(owner)).expect(200)).body;
    expect(listed.versions).toHaveLength(3);
  });

  it('checks references to tags and segments, A/B percentages and loops through the real data', async () => {
    const graph: Graph = {
      nodes: [
        { id: 'entered', type: 'trigger.segment_entered', config: { segmentId: segment } },
        { id: 'split', type: 'split.ab', config: { variants: [{ key: 'a', percent: 50 }, { key: 'b', percent: 40 }], holdoutPercent: 5 } },
        { id: 'tagA', type: 'action.add_tag', config: { tagIds: [999999] } },
        { id: 'loop', type: 'action.sms', config: { text: 'hi' } },
        { id: 'end', type: 'goal.end', config: {} },
      ],
      edges: [
        { from: 'entered', port: 'next', to: 'split' },
        { from: 'split', port: 'a', to: 'tagA' },
        { from: 'split', port: 'b', to: 'loop' },
        { from: 'split', port: 'control', to: 'end' },
        { from: 'tagA', port: 'next', to: 'end' },
        { from: 'loop', port: 'next', to: 'split' },
      ],
    };
    const id = (await h().post('/api/automation/flows').set(bearer(owner)).send({ name: 'A/B', graph }).expect(201)).body.id;
    const { errors } = (await h().post(`/api/automation/flows/${id}/validate`).set(bearer(owner)).expect(200)).body as { errors: { nodeId?: string; path: string; message: string }[] };
    expect(errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ nodeId: 'entered', path: 'nodes[0].config.segmentId', message: expect.stringContaining('not tracked') }),
      expect.objectContaining({ nodeId: 'split', path: 'nodes[1].config.variants', message: 'percentages add up to 95, not 100' }),
      expect.objectContaining({ nodeId: 'tagA', path: 'nodes[2].config.tagIds[0]', message: 'no tag 999999' }),
      expect.objectContaining({ message: expect.stringContaining('has no wait in it') }),
    ]));
  });

  it('refuses bad bodies with 400 and unknown flows with 404', async () => {
    await h().post('/api/automation/flows').set(bearer(owner)).send({}).expect(400);
    await h().post('/api/automation/flows').set(bearer(owner)).send({ name: 'x', graph: 'not a graph' }).expect(400);
    const bad = (await h().post('/api/automation/flows').set(bearer(owner)).send({ name: 'x', graph: { nodes: [{ id: 'a b', type: 'goal.end' }], edges: [] } }).expect(400)).body;
    expect(bad.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'graph.nodes[0].id' }), expect.objectContaining({ field: 'graph.nodes[0].config' })]));
    await h().post('/api/automation/flows').set(bearer(owner)).send({ name: 'x', status: 'active' }).expect(400);
    await h().get('/api/automation/flows?status=running').set(bearer(owner)).expect(400);
    await h().get('/api/automation/flows/999999').set(bearer(owner)).expect(404);
    await h().patch('/api/automation/flows/999999').set(bearer(owner)).send({ name: 'y' }).expect(404);
    await h().post('/api/automation/flows/999999/publish').set(bearer(owner)).expect(404);
  });

  it('is for headquarters roles only', async () => {
    await h().get('/api/automation/flows').set(bearer(staff)).expect(403);
    await h().post('/api/automation/flows').set(bearer(staff)).send({ name: '门店流程' }).expect(403);
  });
});
