/**
 * A visit entering the sampling frame (DESIGN §6): its score, the anomaly signals it fires on
 * entry, its decision and call, and the signals it completes for others (a phone number now
 * shared by several people, a day now unusual for its office or clerk).
 */
import type { Insertable, Kysely } from 'kysely';
import { addDays, rigaDateOf } from '../../../src/lib/domain/dates';
import type { WeeklyHours } from '../../../src/lib/domain/opening-hours';
import { decideSelection, monthOf, type SelectionReason } from '../../../src/lib/domain/qc-sampling';
import {
	clockOffset,
	offline,
	outsideHours,
	sharedPhone,
	shortWindow,
	visitsPerDay,
	type QcSignal
} from '../../../src/lib/domain/qc-signals';
import type { App } from '../../app-context';
import type { Database } from '../../db/schema';
import type { QcVisitTable } from '../../db/schema-qc';
import { dailyCounts, insertVisits } from '../../repositories/qc-visits';
import {
	addFlag,
	addFlags,
	circumstances,
	createCallsForVisits,
	flagSubjectDay,
	flagVisits,
	ratesOf,
	watchSets,
	type FlagInput
} from './decisions';
import { scoreWith } from './sampling-key';

type Trx = Kysely<Database>;

export interface EntryResult {
	entered: number;
	selected: number;
	flags: number;
	/** Clerk-months that gained a callable visit: the only ones whose monthly minimum can change. */
	clerkMonths: { clerk_id: string; month: string }[];
}

export async function enterVisits(app: App, trx: Trx, ids: readonly string[], secret: string, now: number): Promise<EntryResult> {
	const t = app.config.qc.thresholds;
	const result: EntryResult = { entered: 0, selected: 0, flags: 0, clerkMonths: [] };
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
	result.clerkMonths = rows.filter((r) => r.callable === 1).map((r) => ({ clerk_id: r.clerk_id, month: r.month }));
	result.flags += await addFlags(trx, flags, now);
	const selected = rows.filter((r) => r.selected && r.selection_reason);
	result.selected += selected.length;
	await createCallsForVisits(
		trx,
		selected.map((r) => ({
			window_id: r.window_id,
			office_id: r.office_id,
			clerk_id: r.clerk_id,
			reason: r.selection_reason as SelectionReason,
			...circumstances(r, watches)
		})),
		now
	);

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
		result.flags += await addFlags(
			trx,
			same.map((v) => ({
				level: 'visit' as const,
				signal: 'shared_phone' as const,
				officeId: v.office_id,
				clerkId: v.clerk_id,
				windowId: v.window_id,
				details: { persons: stats.persons, visits: stats.visits },
				key: `shared_phone:${v.window_id}`
			})),
			now
		);
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
		result.selected += await flagSubjectDay(app, trx, sd.by, sd.id, sd.day, 'visits_per_day', now);
	}
	return result;
}
