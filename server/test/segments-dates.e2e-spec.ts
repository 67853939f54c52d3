import { parseBound, toDbDatetime } from '../src/platform/time/time';
import { SegmentsService } from '../src/segments/segments.service';
import { TestApp, bearer, startTestApp } from './harness';

/**
 * Date rules on real data: birthdays, weekdays, "within the next N days", anniversaries and the first /
 * last time a member did something, on MariaDB and on the embedded SQLite. Dates are made relative to
 * "today" in the brand's time zone, so the checks hold at any hour of any day.
 */
describe.each([
  ['MariaDB', 'mysql' as const],
  ['embedded SQLite', 'sqlite' as const],
])('segment date rules (%s)', (_name, db) => {
  let t: TestApp;
  let owner: string;
  const ids: Record<string, number> = {};
  const names = ['today', 'in3', 'in10', 'past', 'none'] as const;
  type Name = (typeof names)[number];
  const h = () => t.http();
  const DAY = 86_400_000;
  const now = new Date();
  // the test's own calendar arithmetic (not the compiler's)
  const localDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: t.config.timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  const plus = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
  const start = (day: string) => parseBound(day, t.config.timezone);
  const weekday = (day: string) => ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  let today: string;
  const birthday: Partial<Record<Name, string>> = {};
  const lastSeen: Partial<Record<Name, Date>> = {};
  const joinedOn: Partial<Record<Name, string>> = {};

  const matching = async (rule: object) => {
    const res = (await h().post('/api/segments/preview').set(bearer(owner)).send({ rule, sampleSize: 100 }).expect(200)).body as { count: number; sample: { id: number }[] };
    return names.filter((n) => res.sample.some((m) => m.id === ids[n]));
  };
  const pick = (test: (n: Name) => boolean) => names.filter(test);

  beforeAll(async () => {
    t = await startTestApp({ db });
    owner = await t.login();
    today = localDay(now);
    await h().post('/api/attribute-definitions').set(bearer(owner)).send({ key: 'joined_on', label: '入会日', type: 'date' }).expect(201);
    Object.assign(birthday, { today, in3: plus(today, 3), in10: plus(today, 10), past: plus(today, -1) });
    // 00:30 today in the brand zone is still yesterday in UTC; 23:30 yesterday, the other way round
    Object.assign(lastSeen, { today: new Date(start(today).getTime() + 1_800_000), in3: new Date(start(plus(today, 1)).getTime() + 1_800_000), in10: new Date(start(today).getTime() - 1_800_000), past: new Date(now.getTime() - 40 * DAY) });
    Object.assign(joinedOn, { today: `${Number(today.slice(0, 4)) - 4}${today.slice(4)}`, in3: plus(today, 2), in10: plus(today, 10), past: plus(today, -1) });
    for (const n of names) {
      const b = birthday[n];
      // 28 years back keeps Feb 29 a real date
      const body = { nickname: `d_${n}`, ...(b && { birthday: { year: Number(b.slice(0, 4)) - 28, month: Number(b.slice(5, 7)), day: Number(b.slice(8, 10)) } }), ...(joinedOn[n] && { attributes: { joined_on: joinedOn[n] } }) };
      ids[n] = (await h().post('/api/members').set(bearer(owner)).send(body).expect(201)).body.id;
      if (lastSeen[n]) await t.ds.query('UPDATE member SET last_seen_at = ? WHERE id = ?', [toDbDatetime(lastSeen[n]), ids[n]]);
    }
    const paid = (n: Name, at: Date, key: string) =>
      t.ds.query('INSERT INTO event (type, source, dedupe_key, occurred_at, properties, member_id, status) VALUES (?, ?, ?, ?, ?, ?, ?)', ['pay.paid', 'test', `dates:${n}:${key}`, toDbDatetime(at), '{}', ids[n], 'resolved']);
    await paid('today', new Date(now.getTime() - 100 * DAY), 'a');
    await paid('today', new Date(now.getTime() - 70 * DAY), 'b');
    await paid('in3', new Date(now.getTime() - 90 * DAY), 'a');
    await paid('in3', new Date(now.getTime() - 5 * DAY), 'b');
    // one minute either side of the brand-local midnight starting today-10
    await paid('in10', new Date(start(plus(today, -10)).getTime() + 60_000), 'a');
    await paid('past', new Date(start(plus(today, -10)).getTime() - 60_000), 'a');
  });
  afterAll(() => t.close());

  it('finds birthdays coming up, by month, set or not', async () => {
    const bd = (operator: string, value?: unknown) => matching({ kind: 'attribute', field: 'birthday', operator, value });
    expect(await bd('anniversaryInDays', 0)).toEqual(['today']);
    expect(await bd('anniversaryInDays', 7)).toEqual(['today', 'in3']);
    expect(await bd('anniversaryInDays', 10)).toEqual(['today', 'in3', 'in10']);
    expect(await bd('month', [Number(today.slice(5, 7))])).toEqual(pick((n) => birthday[n]?.slice(5, 7) === today.slice(5, 7)));
    expect(await bd('isEmpty')).toEqual(['none']);
    expect(await matching({ kind: 'group', op: 'and', rules: [{ kind: 'attribute', field: 'birthday', operator: 'isSet' }, { kind: 'attribute', field: 'birthYear', operator: 'lte', value: Number(today.slice(0, 4)) - 28 }] })).toEqual(['today', 'in3', 'in10', 'past']);
  });

  it('reads the day, weekday and "next N days" of a UTC datetime in the brand zone', async () => {
    const seen = (operator: string, value?: unknown) => matching({ kind: 'attribute', field: 'lastSeenAt', operator, value });
    expect(await seen('dayOfMonth', [Number(today.slice(8, 10))])).toEqual(pick((n) => !!lastSeen[n] && localDay(lastSeen[n]!).slice(8) === today.slice(8)));
    expect(await seen('dayOfMonth', [Number(today.slice(8, 10))])).toContain('today');
    expect(await seen('dayOfWeek', [weekday(today)])).toEqual(pick((n) => !!lastSeen[n] && weekday(localDay(lastSeen[n]!)) === weekday(today)));
    expect(await seen('inNextDays', 0)).toEqual(['today']);
    expect(await seen('inNextDays', 1)).toEqual(['today', 'in3']);
    expect(await seen('notInLastDays', 30)).toEqual(['past']);
    expect(await seen('inLastDays', 30)).toEqual(['today', 'in3', 'in10']);
  });

  it('applies the calendar operators to custom date attributes', async () => {
    const joined = (operator: string, value?: unknown) => matching({ kind: 'attribute', field: 'attributes.joined_on', operator, value });
    expect(await joined('inNextDays', 3)).toEqual(['in3']);
    expect(await joined('inNextDays', 10)).toEqual(['in3', 'in10']);
    expect(await joined('anniversaryInDays', 0)).toEqual(['today']);
    expect(await joined('anniversaryInDays', 2)).toEqual(['today', 'in3']);
    expect(await joined('notInLastDays', 5)).toEqual(['today']);
    const wd = weekday(plus(today, 2));
    expect(await joined('dayOfWeek', [wd])).toEqual(pick((n) => !!joinedOn[n] && weekday(joinedOn[n]!) === wd));
    const month = Number(plus(today, 10).slice(5, 7));
    expect(await joined('month', [month])).toEqual(pick((n) => Number(joinedOn[n]?.slice(5, 7)) === month));
  });

  it('counts behaviour between local days and by first or last occurrence', async () => {
    const d10 = plus(today, -10);
    expect(await matching({ kind: 'event', eventType: 'pay.paid', between: [d10, d10] })).toEqual(['in10']);
    expect(await matching({ kind: 'event', eventType: 'pay.paid', between: [plus(today, -11), d10] })).toEqual(['in10', 'past']);
    expect(await matching({ kind: 'event', eventType: 'pay.paid', did: false, between: [plus(today, -11), d10] })).toEqual(['today', 'in3', 'none']);
    const last = { kind: 'event', eventType: 'pay.paid', occurrence: 'last', operator: 'notInLastDays', value: 60 };
    expect(await matching(last)).toEqual(['today']);
    // the complement includes those who never paid
    expect(await matching({ ...last, not: true })).toEqual(['in3', 'in10', 'past', 'none']);
    expect(await matching({ kind: 'event', eventType: 'pay.paid', occurrence: 'last', operator: 'inLastDays', value: 7 })).toEqual(['in3']);
    expect(await matching({ kind: 'event', eventType: 'pay.paid', occurrence: 'first', operator: 'before', value: plus(today, -80) })).toEqual(['today', 'in3']);
    expect(await matching({ kind: 'event', eventType: 'pay.paid', occurrence: 'first', operator: 'after', value: plus(today, -12) })).toEqual(['in10', 'past']);
    expect(await matching({ kind: 'event', eventType: 'pay.paid', occurrence: 'first', operator: 'between', value: [d10, today] })).toEqual(['in10']);
  });

  it('tells whom the next day can move (the candidates run on the database)', async () => {
    const segments = t.app.get(SegmentsService);
    const moved = async (rule: object) => {
      const c = await segments.compile(rule);
      const q = c.moving![0](now, new Date(now.getTime() + DAY));
      const rows: { member_id: number | string }[] = await t.ds.query(q.sql, q.params);
      return names.filter((n) => rows.some((r) => Number(r.member_id) === ids[n]));
    };
    // today's birthday leaves a 2-day window, the one 3 days away enters it
    expect(await moved({ kind: 'attribute', field: 'birthday', operator: 'anniversaryInDays', value: 2 })).toEqual(['today', 'in3']);
    expect(await moved({ kind: 'attribute', field: 'lastSeenAt', operator: 'inNextDays', value: 0 })).toEqual(['today', 'in3']);
    expect(await moved({ kind: 'attribute', field: 'attributes.joined_on', operator: 'inNextDays', value: 1 })).toEqual(['in3']);
    expect(await moved({ kind: 'attribute', field: 'attributes.joined_on', operator: 'anniversaryInDays', value: 1 })).toEqual(['today', 'in3']);
    expect(await moved({ kind: 'event', eventType: 'pay.paid', occurrence: 'last', operator: 'notInLastDays', value: 5 })).toEqual(['in3']);
  });

  it('refuses wrong date rules with the place in the tree, and lists the birthday field', async () => {
    const refused = async (rule: object) => (await h().post('/api/segments/preview').set(bearer(owner)).send({ rule }).expect(400)).body.details;
    expect(await refused({ kind: 'group', op: 'and', rules: [{ kind: 'attribute', field: 'city', operator: 'isSet' }, { kind: 'attribute', field: 'lastSeenAt', operator: 'dayOfWeek', value: [0] }] })).toEqual([
      { field: 'rule.rules[1].value[0]', message: 'must be a whole number 1-7' },
    ]);
    expect((await refused({ kind: 'attribute', field: 'birthday', operator: 'dayOfMonth', value: [1] }))[0].field).toBe('rule.operator');
    expect((await refused({ kind: 'event', eventType: 'pay.paid', lastDays: 7, between: [today, today] }))[0].field).toBe('rule.between');
    expect((await refused({ kind: 'event', eventType: 'pay.paid', occurrence: 'last', operator: 'before', value: 'yesterday' }))[0].field).toBe('rule.value');
    const fields = (await h().get('/api/segments/fields').set(bearer(owner)).expect(200)).body as { field: string; type: string; operators: string[] }[];
    expect(fields.find((f) => f.field === 'birthday')).toMatchObject({ type: 'date', operators: ['anniversaryInDays', 'month', 'isSet', 'isEmpty'] });
    expect(fields.find((f) => f.field === 'birthYear')?.type).toBe('number');
    expect(fields.find((f) => f.field === 'attributes.joined_on')?.operators).toEqual(expect.arrayContaining(['inNextDays', 'anniversaryInDays', 'dayOfWeek']));
  });
});
