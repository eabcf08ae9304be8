/**
 * The QC dashboard's numbers (DESIGN §6): the frame and the sample, visits per day, open flags
 * per signal, and per office and clerk the error-rate estimate (denied / completed calls) with
 * its 95 % Wilson interval, compared with the escalation threshold.
 */
import { sql } from 'kysely';
import type { Localized } from '../../../src/lib/domain/catalog-protocol';
import { addDays, rigaDateOf } from '../../../src/lib/domain/dates';
import { exceedsThreshold, wilsonInterval } from '../../../src/lib/domain/wilson';
import type { App } from '../../app-context';
import { outcomeCounts } from '../../repositories/qc-calls';
import { allActiveWatches, openFlagCountsBySignal } from '../../repositories/qc-flags';

const DAY_MS = 86_400_000;
const RATE_WINDOW_DAYS = 365;
const CHART_DAYS = 30;

export interface RateRow {
	id: string;
	name: Localized;
	visits: number;
	callable: number;
	selected: number;
	selectedNotCallable: number;
	completed: number;
	denied: number;
	estimate: number;
	low: number;
	high: number;
	aboveThreshold: boolean;
	fullReview: boolean;
	raisedRate: boolean;
}

export interface Dashboard {
	periodDays: number;
	threshold: number;
	sampleRate: number;
	totals: {
		visits: number;
		callable: number;
		selected: number;
		selectedNotCallable: number;
		openCalls: number;
		outcomes: Record<'confirmed' | 'denied' | 'unreachable' | 'wrong_number', number>;
		openFlags: number;
	};
	perDay: { day: string; visits: number; flagged: number }[];
	flagsBySignal: { signal: string; n: number }[];
	offices: RateRow[];
	clerks: RateRow[];
}

const n = (x: unknown) => Number(x ?? 0);

export async function dashboard(app: App): Promise<Dashboard> {
	const db = app.database.db;
	const now = app.now();
	const since = now - app.config.qcPeriodDays * DAY_MS;
	const rateSince = now - RATE_WINDOW_DAYS * DAY_MS;
	const today = rigaDateOf(now);
	const firstDay = addDays(today, -(CHART_DAYS - 1));

	const frameBy = (by: 'office_id' | 'clerk_id') =>
		db
			.selectFrom('qc_visit')
			.select((eb) => [
				eb.ref(by).as('subject'),
				eb.fn.countAll<number>().as('visits'),
				eb.fn.sum<number>('callable').as('callable'),
				eb.fn.sum<number>('selected').as('selected'),
				eb.fn.sum<number>(sql<number>`case when selected = 1 and callable = 0 then 1 else 0 end`).as('lost')
			])
			.where('opened_at', '>=', since)
			.groupBy(by)
			.execute();

	const [officeFrame, clerkFrame, officeCalls, clerkCalls, perDayRows, flagsBySignal, watches, outcomes, openCalls, offices, clerks] =
		await Promise.all([
			frameBy('office_id'),
			frameBy('clerk_id'),
			outcomeCounts(db, 'office_id', rateSince),
			outcomeCounts(db, 'clerk_id', rateSince),
			db
				.selectFrom('qc_visit')
				.select((eb) => ['day', eb.fn.countAll<number>().as('visits'), eb.fn.sum<number>('flagged').as('flagged')])
				.where('day', '>=', firstDay)
				.groupBy('day')
				.execute(),
			openFlagCountsBySignal(db),
			allActiveWatches(db, now),
			db
				.selectFrom('qc_call')
				.select((eb) => ['outcome', eb.fn.countAll<number>().as('n')])
				.where('status', '=', 'done')
				.where('completed_at', '>=', rateSince)
				.groupBy('outcome')
				.execute(),
			db
				.selectFrom('qc_call')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('status', '=', 'open')
				.executeTakeFirstOrThrow(),
			db.selectFrom('office').select(['id', 'name_lv', 'name_en']).execute(),
			db.selectFrom('staff').select(['id', 'display_name']).where('role', '=', 'clerk').execute()
		]);

	const threshold = app.config.qc.errorThreshold;
	const watchOf = (type: 'clerk' | 'office', id: string, kind: 'raised_rate' | 'full_review') =>
		watches.some((w) => w.subject_type === type && w.subject_id === id && w.kind === kind);
	const rows = (
		type: 'clerk' | 'office',
		frame: typeof officeFrame,
		calls: typeof officeCalls,
		name: (id: string) => Localized
	): RateRow[] => {
		const ids = new Set([...frame.map((f) => String(f.subject)), ...calls.map((c) => c.id)]);
		return [...ids]
			.map((id) => {
				const f = frame.find((x) => String(x.subject) === id);
				const c = calls.find((x) => x.id === id) ?? { denied: 0, completed: 0 };
				const w = wilsonInterval(c.denied, c.completed);
				return {
					id,
					name: name(id),
					visits: n(f?.visits),
					callable: n(f?.callable),
					selected: n(f?.selected),
					selectedNotCallable: n(f?.lost),
					completed: c.completed,
					denied: c.denied,
					estimate: w.estimate,
					low: w.low,
					high: w.high,
					aboveThreshold: exceedsThreshold(c.denied, c.completed, threshold),
					fullReview: watchOf(type, id, 'full_review'),
					raisedRate: watchOf(type, id, 'raised_rate')
				};
			})
			.sort((a, b) => b.low - a.low || b.estimate - a.estimate || b.visits - a.visits || a.id.localeCompare(b.id));
	};
	const officeName = new Map(offices.map((o) => [o.id, { lv: o.name_lv, en: o.name_en }]));
	const clerkName = new Map(clerks.map((c) => [c.id, c.display_name]));

	const perDayMap = new Map(perDayRows.map((r) => [r.day, r]));
	const perDay = Array.from({ length: CHART_DAYS }, (_, i) => {
		const day = addDays(firstDay, i);
		const r = perDayMap.get(day);
		return { day, visits: n(r?.visits), flagged: n(r?.flagged) };
	});
	const outcomeCount = (o: string) => n(outcomes.find((r) => r.outcome === o)?.n);
	const sum = (k: 'visits' | 'callable' | 'selected' | 'lost') => officeFrame.reduce((a, r) => a + n(r[k]), 0);
	return {
		periodDays: app.config.qcPeriodDays,
		threshold,
		sampleRate: app.config.qc.sampleRate,
		totals: {
			visits: sum('visits'),
			callable: sum('callable'),
			selected: sum('selected'),
			selectedNotCallable: sum('lost'),
			openCalls: n(openCalls.n),
			outcomes: {
				confirmed: outcomeCount('confirmed'),
				denied: outcomeCount('denied'),
				unreachable: outcomeCount('unreachable'),
				wrong_number: outcomeCount('wrong_number')
			},
			openFlags: flagsBySignal.reduce((a, f) => a + f.n, 0)
		},
		perDay,
		flagsBySignal,
		offices: rows('office', officeFrame, officeCalls, (id) => officeName.get(id) ?? { lv: id, en: id }),
		clerks: rows('clerk', clerkFrame, clerkCalls, (id) => {
			const name = clerkName.get(id) ?? id;
			return { lv: name, en: name };
		})
	};
}
