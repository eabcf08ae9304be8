/**
 * The sampling frame (DESIGN §6): every accepted in-person visit enters it once, as it is
 * reconciled, with its score, its anomaly signals and the decision whether it is called.
 *
 * `refreshQc` runs after every push that accepted signatures (server/trpc/routers/sync.ts,
 * through schedule.ts) and when the call list is opened. It scans the signatures accepted since
 * its last scan (with an overlap, so a push that committed late is not missed), so its work is
 * proportional to what arrived, and it is idempotent: rows are inserted "if missing" and the
 * refresh holds the frame's lock row, so several instances never decide one visit twice.
 */
import type { Insertable, Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { addDays, rigaDateOf } from '../../../src/lib/domain/dates';
import type { WeeklyHours } from '../../../src/lib/domain/opening-hours';
import {
	decideSelection,
	monthlyMinimumPicks,
	monthOf,
	type SamplingRates,
	type SelectionReason
} from '../../../src/lib/domain/qc-sampling';
import {
	clockOffset,
	offline,
	outsideHours,
	sharedPhone,
	shortWindow,
	visitsPerDay,
	type QcSignal
} from '../../../src/lib/domain/qc-signals';
import type { App } from '../../app';
import { idChunks } from '../../db/chunks';
import type { Database } from '../../db/schema';
import type { QcFlagLevel, QcVisitTable } from '../../db/schema-qc';
import { insertCallIfNoneOpen, windowHasAnyCall } from '../../repositories/qc-calls';
import { activeWatches, insertFlag } from '../../repositories/qc-flags';
import {
	callableVisitsOf,
	dailyCounts,
	insertVisits,
	lockFrame,
	markVisitsFlagged,
	setFramePosition,
	setVisitSelection,
	uncoveredClerkMonths,
	visitsByIds,
	visitsNotInFrame,
	windowIdsOfDay,
	type QcVisitRow
} from '../../repositories/qc-visits';
import { samplingSecret, scoreWith } from './sampling-key';

/** Signatures received this long before the last scan are scanned again. */
const SCAN_OVERLAP_MS = 10 * 60_000;
const DAY_MS = 86_400_000;

export interface RefreshResult {
	entered: number;
	selected: number;
	minimum: number;
	flags: number;
}

export function ratesOf(app: App): SamplingRates {
	const qc = app.config.qc;
	return { base: qc.sampleRate, raised: qc.raisedRate, flagged: qc.flaggedRate };
}

type Trx = Kysely<Database>;

interface WatchSets {
	raised: Set<string>;
	fullReview: Set<string>;
}

async function watchSets(trx: Trx, subjects: Iterable<string>, now: number): Promise<WatchSets> {
	const rows = await activeWatches(trx, [...new Set(subjects)], now);
	const sets: WatchSets = { raised: new Set(), fullReview: new Set() };
	for (const w of rows) (w.kind === 'raised_rate' ? sets.raised : sets.fullReview).add(`${w.subject_type}:${w.subject_id}`);
	return sets;
}

function circumstances(v: { clerk_id: string; office_id: string; flagged: number }, w: WatchSets) {
	const has = (set: Set<string>) => set.has(`clerk:${v.clerk_id}`) || set.has(`office:${v.office_id}`);
	return { raised: has(w.raised), fullReview: has(w.fullReview), flagged: v.flagged === 1 };
}

/** Puts a selected visit on the call list, when it can be called and has no call yet. */
export async function createCallForVisit(
	trx: Trx,
	v: Pick<QcVisitRow, 'window_id' | 'office_id' | 'clerk_id'>,
	reason: SelectionReason,
	now: number
): Promise<boolean> {
	const contact = await trx.selectFrom('qc_contact').select('id').where('window_id', '=', v.window_id).executeTakeFirst();
	if (!contact || (await windowHasAnyCall(trx, v.window_id))) return false;
	return insertCallIfNoneOpen(trx, {
		id: uuidv7(),
		window_id: v.window_id,
		office_id: v.office_id,
		clerk_id: v.clerk_id,
		source: reason === 'full_review' ? 'full_review' : 'sample',
		priority: reason === 'rate' || reason === 'clerk_minimum' ? 2 : 1,
		callable: 1,
		status: 'open',
		outcome: null,
		attempts: 0,
		last_attempt_day: null,
		next_attempt_after: 0,
		claimed_by: null,
		claimed_until: null,
		created_at: now,
		completed_at: null,
		completed_by: null,
		revoked_signatures: 0
	});
}

/**
 * Decides again visits not selected yet, after something raised their rate (a flag, a denial,
 * a report, a full review). Scores never change and rates only go up, so a decision is only
 * ever turned from "not selected" to "selected". Returns how many were selected now.
 */
export async function reconsider(app: App, trx: Trx, windowIds: readonly string[], now: number): Promise<number> {
	const rows = (await visitsByIds(trx, windowIds)).filter((r) => r.selected === 0);
	if (!rows.length) return 0;
	const watches = await watchSets(trx, rows.flatMap((r) => [r.clerk_id, r.office_id]), now);
	let selected = 0;
	for (const r of rows) {
		const s = decideSelection(Number(r.score), ratesOf(app), circumstances(r, watches));
		await setVisitSelection(trx, r.window_id, s.ratePpm, s.reason);
		if (s.reason) {
			selected++;
			await createCallForVisit(trx, r, s.reason, now);
		}
	}
	return selected;
}

interface FlagInput {
	level: QcFlagLevel;
	signal: QcSignal;
	officeId: string;
	clerkId: string | null;
	windowId: string | null;
	deviceId?: string | null;
	details: Record<string, unknown>;
	key: string;
}

export function addFlag(trx: Trx, f: FlagInput, now: number): Promise<boolean> {
	return insertFlag(trx, {
		id: uuidv7(),
		level: f.level,
		office_id: f.officeId,
		clerk_id: f.clerkId,
		window_id: f.windowId,
		device_id: f.deviceId ?? null,
		signal: f.signal,
		details: JSON.stringify(f.details),
		dedupe_key: f.key,
		created_at: now,
		resolved_at: null,
		resolved_by: null,
		resolution_note: null
	});
}

/** Marks frame visits flagged by a signal (adding to their list) and decides them again. */
export async function flagVisits(app: App, trx: Trx, windowIds: readonly string[], signal: QcSignal, now: number) {
	for (const v of await visitsByIds(trx, windowIds)) {
		const signals = new Set(v.flag_signals.split(',').filter(Boolean));
		if (signals.has(signal) && v.flagged === 1) continue;
		signals.add(signal);
		await markVisitsFlagged(trx, v.window_id, [...signals].sort().join(','));
	}
	return reconsider(app, trx, windowIds, now);
}

async function enterVisits(app: App, trx: Trx, ids: readonly string[], secret: string, now: number): Promise<RefreshResult> {
	const t = app.config.qc.thresholds;
	const result: RefreshResult = { entered: 0, selected: 0, minimum: 0, flags: 0 };
	const windows = await trx
		.selectFrom('signing_window')
		.select(['id', 'office_id', 'clerk_id', 'device_id', 'opened_at', 'closed_at', 'received_at'])
		.where('id', 'in', ids)
		.where('state', '=', 'accepted')
		.execute();
	if (!windows.length) return result;
	const [stats, contacts, reported] = await Promise.all([
		trx
			.selectFrom('signature')
			.select((eb) => ['window_id', eb.fn.countAll<number>().as('n'), eb.fn.max('signed_at').as('last')])
			.where('window_id', 'in', ids)
			.where('state', '=', 'accepted')
			.groupBy('window_id')
			.execute(),
		trx.selectFrom('qc_contact').select(['window_id', 'phone_key']).where('window_id', 'in', ids).execute(),
		trx.selectFrom('qc_report').select('window_id').where('window_id', 'in', ids).execute()
	]);
	const statOf = new Map(stats.map((s) => [s.window_id, { n: Number(s.n), last: s.last === null ? null : Number(s.last) }]));
	const phoneOf = new Map(contacts.map((c) => [c.window_id, c.phone_key]));
	const reportedSet = new Set(reported.map((r) => r.window_id));
	const deviceIds = [...new Set(windows.map((w) => w.device_id))];
	const officeIds = [...new Set(windows.map((w) => w.office_id))];
	const phoneKeys = [...new Set(contacts.map((c) => c.phone_key))];
	const [devices, offices, phoneStats] = await Promise.all([
		trx.selectFrom('device').select(['id', 'clock_offset_ms', 'flag_reason']).where('id', 'in', deviceIds).execute(),
		trx.selectFrom('office').select(['id', 'hours', 'closures']).where('id', 'in', officeIds).execute(),
		phoneKeys.length
			? trx
					.selectFrom('qc_contact')
					.innerJoin('signing_window', 'signing_window.id', 'qc_contact.window_id')
					.select((eb) => [
						'qc_contact.phone_key',
						eb.fn.count('signing_window.person_key').distinct().as('persons'),
						eb.fn.countAll().as('visits')
					])
					.where('qc_contact.phone_key', 'in', phoneKeys)
					.groupBy('qc_contact.phone_key')
					.execute()
			: Promise.resolve([])
	]);
	const deviceOf = new Map(devices.map((d) => [d.id, d]));
	const officeOf = new Map(
		offices.map((o) => [o.id, { hours: JSON.parse(o.hours) as WeeklyHours, closures: JSON.parse(o.closures ?? '[]') as string[] }])
	);
	const phoneStatOf = new Map(phoneStats.map((p) => [p.phone_key, { persons: Number(p.persons), visits: Number(p.visits) }]));
	const watches = await watchSets(trx, windows.flatMap((w) => [w.clerk_id, w.office_id]), now);
	const today = rigaDateOf(now);

	const rows: Insertable<QcVisitTable>[] = [];
	const flags: FlagInput[] = [];
	const sharedPhoneKeys = new Set<string>();
	for (const w of windows) {
		const stat = statOf.get(w.id);
		if (!stat || stat.n === 0) continue;
		const openedAt = Number(w.opened_at);
		const endedAt = w.closed_at !== null ? Number(w.closed_at) : (stat.last ?? openedAt);
		const day = rigaDateOf(openedAt);
		const signals = new Set<QcSignal>();
		const visitFlag = (signal: QcSignal, details: Record<string, unknown>) => {
			signals.add(signal);
			flags.push({ level: 'visit', signal, officeId: w.office_id, clerkId: w.clerk_id, windowId: w.id, details, key: `${signal}:${w.id}` });
		};
		const office = officeOf.get(w.office_id);
		if (office) {
			const v = outsideHours(openedAt, office.hours, office.closures, t);
			if (v.fires) visitFlag('outside_hours', v.details);
		}
		const short = shortWindow(endedAt - openedAt, stat.n, t);
		if (short.fires) visitFlag('short_window', short.details);
		const late = offline(Number(w.received_at) - endedAt, t);
		if (late.fires) visitFlag('offline', late.details);
		const device = deviceOf.get(w.device_id);
		if (device) {
			const reasons = (device.flag_reason ?? '').split(',');
			const clock = clockOffset(device.clock_offset_ms === null ? null : Number(device.clock_offset_ms), reasons.includes('future_record'), t);
			if (clock.fires) {
				signals.add('clock_offset');
				flags.push({
					level: 'office',
					signal: 'clock_offset',
					officeId: w.office_id,
					clerkId: null,
					windowId: null,
					deviceId: w.device_id,
					details: clock.details,
					key: `clock_offset:${w.device_id}:${today}`
				});
			}
		}
		const phone = phoneOf.get(w.id);
		if (phone) {
			const stats = phoneStatOf.get(phone);
			if (stats && sharedPhone(stats.persons, stats.visits, t).fires) {
				signals.add('shared_phone');
				sharedPhoneKeys.add(phone);
			}
		}
		if (reportedSet.has(w.id)) signals.add('citizen_report');

		const score = scoreWith(secret, w.id);
		const flagged = signals.size > 0 ? 1 : 0;
		const s = decideSelection(score, ratesOf(app), circumstances({ ...w, flagged }, watches));
		rows.push({
			window_id: w.id,
			office_id: w.office_id,
			clerk_id: w.clerk_id,
			device_id: w.device_id,
			opened_at: openedAt,
			received_at: Number(w.received_at),
			day,
			month: monthOf(day),
			signatures: stat.n,
			callable: phone ? 1 : 0,
			flagged,
			flag_signals: [...signals].sort().join(','),
			score,
			rate_ppm: s.ratePpm,
			selected: s.selected ? 1 : 0,
			selection_reason: s.reason,
			entered_at: now
		});
	}
	await insertVisits(trx, rows);
	result.entered = rows.length;
	for (const f of flags) if (await addFlag(trx, f, now)) result.flags++;
	for (const r of rows) {
		if (r.selected && r.selection_reason) {
			result.selected++;
			await createCallForVisit(trx, r as QcVisitRow, r.selection_reason as SelectionReason, now);
		}
	}

	// One phone number across several people: every visit that gave it is flagged (within
	// the QC period: the numbers are deleted after it), not just the one that tipped the count.
	for (const key of sharedPhoneKeys) {
		const same = await trx
			.selectFrom('qc_contact')
			.innerJoin('qc_visit', 'qc_visit.window_id', 'qc_contact.window_id')
			.select(['qc_visit.window_id', 'qc_visit.office_id', 'qc_visit.clerk_id'])
			.where('qc_contact.phone_key', '=', key)
			.execute();
		const stats = phoneStatOf.get(key)!;
		for (const v of same) {
			const added = await addFlag(
				trx,
				{
					level: 'visit',
					signal: 'shared_phone',
					officeId: v.office_id,
					clerkId: v.clerk_id,
					windowId: v.window_id,
					details: { persons: stats.persons, visits: stats.visits },
					key: `shared_phone:${v.window_id}`
				},
				now
			);
			if (added) result.flags++;
		}
		result.selected += await flagVisits(app, trx, same.map((v) => v.window_id), 'shared_phone', now);
	}

	// Visits per day against the office's (and the clerk's) own baseline.
	const subjectDays = new Map<string, { by: 'office_id' | 'clerk_id'; id: string; officeId: string; day: string }>();
	for (const r of rows) {
		subjectDays.set(`o:${r.office_id}:${r.day}`, { by: 'office_id', id: r.office_id, officeId: r.office_id, day: r.day });
		subjectDays.set(`c:${r.clerk_id}:${r.day}`, { by: 'clerk_id', id: r.clerk_id, officeId: r.office_id, day: r.day });
	}
	for (const sd of subjectDays.values()) {
		const counts = await dailyCounts(trx, sd.by, sd.id, addDays(sd.day, -t.baselineDays), sd.day);
		const history = [...counts.entries()].filter(([d]) => d < sd.day).map(([, n]) => n);
		const v = visitsPerDay(counts.get(sd.day) ?? 0, history, t);
		if (!v.fires) continue;
		const level = sd.by === 'office_id' ? 'office' : 'clerk';
		const added = await addFlag(
			trx,
			{
				level,
				signal: 'visits_per_day',
				officeId: sd.officeId,
				clerkId: level === 'clerk' ? sd.id : null,
				windowId: null,
				details: { ...v.details, day: sd.day },
				key: `visits_per_day:${level}:${sd.id}:${sd.day}`
			},
			now
		);
		if (added) result.flags++;
		result.selected += await flagVisits(app, trx, await windowIdsOfDay(trx, sd.by, sd.id, sd.day), 'visits_per_day', now);
	}
	return result;
}

/**
 * The per-clerk monthly minimum (src/lib/domain/qc-sampling.ts) for ended months still inside
 * the QC period: a clerk-month without a selected callable visit gets its lowest-score
 * callable visit whose phone number is still kept.
 */
async function applyMonthlyMinimum(app: App, trx: Trx, now: number): Promise<number> {
	const current = monthOf(rigaDateOf(now));
	const from = monthOf(rigaDateOf(now - app.config.qcPeriodDays * DAY_MS));
	let picked = 0;
	for (const pair of await uncoveredClerkMonths(trx, from, current)) {
		const rows = await callableVisitsOf(trx, pair.clerk_id, pair.month);
		const picks = monthlyMinimumPicks(
			rows.map((r) => ({ windowId: r.window_id, clerkId: r.clerk_id, month: r.month, score: Number(r.score), callable: true, selected: r.selected === 1 })),
			current
		);
		for (const id of picks) {
			const row = rows.find((r) => r.window_id === id)!;
			await setVisitSelection(trx, id, Number(row.rate_ppm), 'clerk_minimum');
			await createCallForVisit(trx, row, 'clerk_minimum', now);
			picked++;
		}
	}
	return picked;
}

/** Brings the frame up to date: new visits in, their signals and decisions, monthly minimums. */
export async function refreshQc(app: App): Promise<RefreshResult> {
	const db = app.database.db;
	const secret = await samplingSecret(app);
	const now = app.now();
	return db.transaction().execute(async (trx) => {
		const position = await lockFrame(trx);
		const fresh = await visitsNotInFrame(trx, Math.max(0, position - SCAN_OVERLAP_MS));
		const total: RefreshResult = { entered: 0, selected: 0, minimum: 0, flags: 0 };
		let newest = position;
		for (const chunk of idChunks(fresh, 400)) {
			const r = await enterVisits(app, trx, chunk.map((c) => c.windowId), secret, now);
			total.entered += r.entered;
			total.selected += r.selected;
			total.flags += r.flags;
			for (const c of chunk) newest = Math.max(newest, c.receivedAt);
		}
		total.minimum = await applyMonthlyMinimum(app, trx, now);
		if (newest !== position) await setFramePosition(trx, newest);
		return total;
	});
}
