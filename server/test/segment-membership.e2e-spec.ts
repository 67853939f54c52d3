import { EventsService } from '../src/events/events.service';
import { MemberMergeService } from '../src/members/member-merge.service';
import { InlineJobQueue } from '../src/platform/queue/inline.driver';
import { JOB_QUEUE } from '../src/platform/queue/job-queue';
import { SegmentMembershipService } from '../src/segments/membership/segment-membership.service';
import { SegmentSweepService } from '../src/segments/membership/segment-sweep.service';
import { SegmentTrackingService } from '../src/segments/membership/segment-tracking.service';
import { toDbDatetime } from '../src/platform/time/time';
import { SavedSegmentsService } from '../src/segments/saved-segments.service';
import { TestApp, bearer, eventually, startTestApp } from './harness';

const DAY = 86_400_000;

/** Live membership of a tracked segment, "tagged VIP and paid in the last 30 days", end to end over HTTP. */
function setup(db: 'mysql' | 'sqlite') {
  const ctx = {} as {
    t: TestApp;
    owner: string;
    vip: number;
    segmentId: number;
    svc: SegmentMembershipService;
    newMember(name: string): Promise<number>;
    pay(memberId: number, at: Date, key: string): Promise<void>;
    tag(memberId: number): Promise<void>;
    untag(memberId: number): Promise<void>;
    timeline(memberId: number, type: 'segment.entered' | 'segment.left'): Promise<{ occurredAt: string; properties: Record<string, unknown> }[]>;
    inSegment(memberId: number): Promise<boolean>;
    settle(): Promise<void>;
  };
  beforeAll(async () => {
    const t = (ctx.t = await startTestApp({ db }));
    const h = () => t.http();
    ctx.owner = await t.login();
    ctx.svc = t.app.get(SegmentMembershipService);
    ctx.vip = (await h().post('/api/tags').set(bearer(ctx.owner)).send({ name: 'VIP' }).expect(201)).body.id;
    ctx.newMember = async (name) => (await h().post('/api/members').set(bearer(ctx.owner)).send({ nickname: name }).expect(201)).body.id;
    // a payment already linked to the member, stored the way WeChat Pay's are once resolved
    ctx.pay = async (memberId, at, key) => {
      await t.app.get(EventsService).record({ type: 'pay.paid', source: 'pay', dedupeKey: `test:pay:${key}`, occurredAt: at, properties: { amount: 19900, outTradeNo: key }, memberId });
    };
    ctx.tag = async (id) => void (await h().post(`/api/members/${id}/tags`).set(bearer(ctx.owner)).send({ tagIds: [ctx.vip] }).expect(200));
    ctx.untag = async (id) => void (await h().delete(`/api/members/${id}/tags/${ctx.vip}`).set(bearer(ctx.owner)).expect(204));
    ctx.timeline = async (id, type) => (await h().get(`/api/members/${id}/events`).query({ type }).set(bearer(ctx.owner)).expect(200)).body.items;
    ctx.inSegment = async (id) => ((await t.ds.query('SELECT 1 FROM segment_membership WHERE segment_id = ? AND member_id = ?', [ctx.segmentId, id])) as unknown[]).length === 1;
    // everything told so far is written and every queued job has run
    ctx.settle = async () => {
      await ctx.svc.flush();
      await (t.app.get(JOB_QUEUE) as InlineJobQueue).whenIdle();
    };
    const rule = { kind: 'group', op: 'and', rules: [{ kind: 'tags', match: 'any', tagIds: [ctx.vip] }, { kind: 'event', eventType: 'pay.paid', lastDays: 30 }] };
    const seg = (await h().post('/api/segments').set(bearer(ctx.owner)).send({ name: 'VIP 30 天内付费', type: 'dynamic', rule, tracked: true }).expect(201)).body;
    ctx.segmentId = seg.id;
    expect(seg.tracked).toBe(true);
    // the first membership is built in the background
    await eventually(async () => (await h().get(`/api/segments/${seg.id}`).set(bearer(ctx.owner)).expect(200)).body.lastSweptAt);
  });
  afterAll(() => ctx.t.close());
  return ctx;
}

describe('segment membership (MariaDB)', () => {
  const c = setup('mysql');
  let alice: number;
  let bob: number;
  let carol: number;
  let dave: number;

  beforeAll(async () => {
    [alice, bob, carol, dave] = [await c.newMember('alice'), await c.newMember('bob'), await c.newMember('carol'), await c.newMember('dave')];
  });

  it('refuses tracking for a static segment (400), and store staff cannot change tracking (403)', async () => {
    const h = () => c.t.http();
    const refused = (await h().post('/api/segments').set(bearer(c.owner)).send({ name: '名单', type: 'static', memberIds: [alice], tracked: true }).expect(400)).body;
    expect(refused.details[0].field).toBe('tracked');
    const list = (await h().post('/api/segments').set(bearer(c.owner)).send({ name: '名单', type: 'static', memberIds: [alice] }).expect(201)).body;
    expect(list.tracked).toBe(false);
    await h().patch(`/api/segments/${list.id}`).set(bearer(c.owner)).send({ tracked: true }).expect(400);

    const store = (await h().post('/api/stores').set(bearer(c.owner)).send({ name: '门店', code: 'M1' }).expect(201)).body.id;
    await h().post('/api/users').set(bearer(c.owner)).send({ username: 'm_staff', password: 'Passw0rd!x', displayName: 'm', role: 'store_staff', storeIds: [store] }).expect(201);
    const staff = await c.t.login('m_staff', 'Passw0rd!x');
    await h().patch(`/api/segments/${c.segmentId}`).set(bearer(staff)).send({ tracked: false }).expect(403);
    expect((await h().get(`/api/segments/${c.segmentId}`).set(bearer(c.owner)).expect(200)).body.tracked).toBe(true);
  });

  it('enters a member who has paid when tagged VIP, and lets them leave when the tag goes', async () => {
    await c.pay(alice, new Date(Date.now() - 2 * DAY), 'alice-1');
    await c.settle();
    expect(await c.inSegment(alice)).toBe(false);

    await c.tag(alice);
    const [entered] = await eventually(async () => {
      const list = await c.timeline(alice, 'segment.entered');
      return list.length ? list : null;
    });
    expect(entered.properties).toEqual({ segmentId: c.segmentId, segmentName: 'VIP 30 天内付费', reason: 'changed' });
    expect(await c.inSegment(alice)).toBe(true);

    await c.untag(alice);
    const [left] = await eventually(async () => {
      const list = await c.timeline(alice, 'segment.left');
      return list.length ? list : null;
    });
    expect(left.properties).toMatchObject({ segmentId: c.segmentId, reason: 'changed' });
    expect(await c.inSegment(alice)).toBe(false);
  });

  it('does not evaluate anyone for an event of a type no tracked segment reads', async () => {
    const created = (await c.t.http().post('/api/api-keys').set(bearer(c.owner)).send({ name: 'POS' }).expect(201)).body;
    await c.settle();
    const before = c.svc.stats();
    await c.t.http().post('/api/events').set('X-Api-Key', created.key).send({ type: 'custom.coupon_viewed', memberId: bob }).expect(202);
    await c.settle();
    const after = c.svc.stats();
    expect(after.received).toBe(before.received + 1);
    expect(after.ignored).toBe(before.ignored + 1);
    expect(after.evaluatedMembers).toBe(before.evaluatedMembers);

    // a payment is read by the segment: bob is evaluated, and stays out (no VIP tag)
    await c.pay(bob, new Date(Date.now() - DAY), 'bob-1');
    await c.settle();
    expect(c.svc.stats().evaluatedMembers).toBe(after.evaluatedMembers + 1);
    expect(await c.timeline(bob, 'segment.entered')).toEqual([]);
  });

  it('stores each change once however often (or concurrently) an evaluation runs', async () => {
    await c.pay(dave, new Date(Date.now() - DAY), 'dave-1');
    await c.settle();
    // a tag written without telling anyone, so only the evaluations below can notice it
    await c.t.ds.query("INSERT INTO member_tag (member_id, tag_id, source, added_by) VALUES (?, ?, 'manual', 'test')", [dave, c.vip]);
    const changed = new Map([[dave, new Set([`tag:${c.vip}`])]]);
    await Promise.all([c.svc.evaluate(changed), c.svc.evaluate(changed), c.svc.evaluate(changed)]);
    await c.svc.evaluate(changed);
    await c.settle();
    expect(await c.timeline(dave, 'segment.entered')).toHaveLength(1);
    expect(await c.inSegment(dave)).toBe(true);
  });

  it('lets a payment age out of the 30-day window at the sweep, evaluating only the members it can move', async () => {
    await c.tag(alice); // paid 2 days ago: back in
    await c.tag(carol);
    await c.pay(carol, new Date(Date.now() + 10 * DAY), 'carol-day-10'); // a payment on day 10 of the simulated month
    await c.settle();
    expect(await c.inSegment(alice)).toBe(true);
    expect(await c.inSegment(carol)).toBe(true);
    expect(await c.inSegment(dave)).toBe(true);

    const sweep = c.t.app.get(SegmentSweepService);
    const now = new Date(Date.now() + 31 * DAY);
    const before = c.svc.stats();
    const result = await sweep.sweep(now);
    const mine = result.segments.find((s) => s.segmentId === c.segmentId)!;
    // the payments that left the window since the last sweep: alice's, bob's and dave's — not carol's
    expect(mine.candidates).toBe(3);
    expect(c.svc.stats().evaluatedMembers - before.evaluatedMembers).toBe(3);
    await c.settle();
    for (const id of [alice, dave]) {
      expect(await c.inSegment(id)).toBe(false);
      expect((await c.timeline(id, 'segment.left'))[0].properties).toMatchObject({ segmentId: c.segmentId, reason: 'time' });
    }
    expect(await c.inSegment(carol)).toBe(true);
    expect(await c.timeline(carol, 'segment.left')).toEqual([]);
    expect(new Date((await c.t.http().get(`/api/segments/${c.segmentId}`).set(bearer(c.owner)).expect(200)).body.lastSweptAt).getTime()).toBe(Math.floor(now.getTime() / 1000) * 1000);

    // sweeping the same moment again finds nothing and stores nothing
    const again = (await sweep.sweep(now)).segments.find((s) => s.segmentId === c.segmentId)!;
    expect(again.candidates).toBe(0);
    expect(await c.timeline(alice, 'segment.left')).toHaveLength(2);
  });

  it('rebuilds a tracked segment when its rule changes, telling who came in and who went out', async () => {
    const erin = await c.newMember('erin');
    await c.tag(erin); // never paid: outside the old rule, inside the new one
    await c.settle();
    expect(await c.inSegment(erin)).toBe(false);
    await c.t.http().patch(`/api/segments/${c.segmentId}`).set(bearer(c.owner)).send({ rule: { kind: 'tags', match: 'any', tagIds: [c.vip] } }).expect(200);
    await c.settle();
    expect(await c.inSegment(erin)).toBe(true);
    expect((await c.timeline(erin, 'segment.entered'))[0].properties).toMatchObject({ reason: 'rule' });
    expect(await c.timeline(carol, 'segment.entered')).toHaveLength(1);

    // off forgets the membership; on builds it again without telling anyone
    await c.t.http().patch(`/api/segments/${c.segmentId}`).set(bearer(c.owner)).send({ tracked: false }).expect(200);
    expect(await c.inSegment(erin)).toBe(false);
    await c.t.http().patch(`/api/segments/${c.segmentId}`).set(bearer(c.owner)).send({ tracked: true }).expect(200);
    await c.settle();
    expect(await c.inSegment(erin)).toBe(true);
    expect(await c.timeline(erin, 'segment.entered')).toHaveLength(1);
  });

  it('takes a merged-away member out of its segments and re-evaluates the one it joined', async () => {
    const kim = await c.newMember('kim');
    const lee = await c.newMember('lee');
    await c.tag(lee);
    await c.settle();
    expect(await c.inSegment(lee)).toBe(true);
    await c.t.app.get(MemberMergeService).mergeOnIdentifier(kim, lee, 'unionid', 'u-kim-lee');
    await c.settle();
    expect(await c.inSegment(lee)).toBe(false);
    const left: { properties: string }[] = await c.t.ds.query("SELECT properties FROM event WHERE type = 'segment.left' AND member_id = ?", [lee]);
    expect(left.map((r) => JSON.parse(r.properties))).toEqual([{ segmentId: c.segmentId, segmentName: 'VIP 30 天内付费', reason: 'merged' }]);
    // kim now carries lee's VIP tag
    expect(await c.inSegment(kim)).toBe(true);
  });

  it('re-evaluates members added to a static list that a tracked segment is built on', async () => {
    const h = () => c.t.http();
    const [mia, ned] = [await c.newMember('mia'), await c.newMember('ned')];
    const list = (await h().post('/api/segments').set(bearer(c.owner)).send({ name: '活动名单', type: 'static', memberIds: [mia] }).expect(201)).body.id;
    const onList = (await h().post('/api/segments').set(bearer(c.owner)).send({ name: '名单上的人', type: 'dynamic', rule: { kind: 'segment', segmentId: list }, tracked: true }).expect(201)).body.id;
    await c.settle();
    const members = async () => ((await c.t.ds.query('SELECT member_id FROM segment_membership WHERE segment_id = ? ORDER BY member_id', [onList])) as { member_id: number }[]).map((r) => Number(r.member_id));
    expect(await members()).toEqual([mia]);
    await c.t.ds.query('INSERT INTO segment_member (segment_id, member_id) VALUES (?, ?)', [list, ned]);
    await c.t.app.get(SavedSegmentsService).listChanged(list, [ned]);
    await c.settle();
    expect(await members()).toEqual([mia, ned]);
    expect(await c.timeline(ned, 'segment.entered')).toHaveLength(1);
  });

  it('sets right at the daily check whatever a lost update left wrong', async () => {
    const oz = await c.newMember('oz');
    const pat = await c.newMember('pat');
    await c.tag(oz);
    await c.settle();
    expect(await c.inSegment(oz)).toBe(true);
    // as if updates had been lost: a member's row gone, a non-member's row there
    await c.t.ds.query('DELETE FROM segment_membership WHERE segment_id = ? AND member_id = ?', [c.segmentId, oz]);
    await c.t.ds.query('INSERT INTO segment_membership (segment_id, member_id, entered_at) VALUES (?, ?, ?)', [c.segmentId, pat, toDbDatetime(new Date())]);
    const tracking = c.t.app.get(SegmentTrackingService);
    expect((await tracking.reconcile()).find((r) => r.segmentId === c.segmentId)).toEqual({ segmentId: c.segmentId, entered: 1, left: 1 });
    expect(await c.inSegment(oz)).toBe(true);
    expect(await c.inSegment(pat)).toBe(false);
    expect((await c.timeline(oz, 'segment.entered')).map((e) => e.properties.reason)).toEqual(expect.arrayContaining(['changed', 'reconcile']));
    expect((await c.timeline(pat, 'segment.left'))[0].properties).toMatchObject({ reason: 'reconcile' });
    // nothing left to set right
    expect((await tracking.reconcile()).find((r) => r.segmentId === c.segmentId)).toEqual({ segmentId: c.segmentId, entered: 0, left: 0 });
  });
});

describe('segment membership (embedded SQLite)', () => {
  const c = setup('sqlite');

  it('enters on the tag, leaves when the payment ages out at the sweep', async () => {
    const ann = await c.newMember('ann');
    await c.pay(ann, new Date(Date.now() - 3 * DAY), 'ann-1');
    await c.tag(ann);
    await c.settle();
    expect(await c.inSegment(ann)).toBe(true);
    expect(await c.timeline(ann, 'segment.entered')).toHaveLength(1);

    const result = await c.t.app.get(SegmentSweepService).sweep(new Date(Date.now() + 28 * DAY));
    expect(result.segments[0].candidates).toBe(1);
    await c.settle();
    expect(await c.inSegment(ann)).toBe(false);
    expect((await c.timeline(ann, 'segment.left'))[0].properties).toMatchObject({ reason: 'time' });
  });
});
