/**
 * The rules of DESIGN §4 applied to a device's new records, in seq order, inside the push's
 * transaction (server/services/sync.ts): windows, signatures (eligibility, window time,
 * initiative dates, grace, one per person per initiative), closes and office day closes.
 * Every record gets an outcome; rows are written in a few multi-row statements.
 */
import type { Insertable, Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { rigaDateOf } from '../../src/lib/domain/dates';
import { dayCloseProblem } from '../../src/lib/domain/day-close';
import { checkEligibility, keptFacts, type KeptSignerFacts } from '../../src/lib/domain/eligibility';
import type { OutboxRecord } from '../../src/lib/domain/outbox-record';
import { isWithinWindow } from '../../src/lib/domain/signing-window';
import { CLOCK_TOLERANCE_MS, type Reason, type RecordResult } from '../../src/lib/domain/sync-protocol';
import type { App } from '../app';
import type {
	Database,
	DayCloseTable,
	QcContactTable,
	RecordResultTable,
	SignatureTable,
	SigningWindowTable
} from '../db/schema';
import type { DeviceRow } from '../repositories/devices';
import { insertDayCloses } from '../repositories/day-closes';
import { initiativesByIds } from '../repositories/initiatives';
import { insertQcContacts } from '../repositories/qc-contacts';
import { insertRecordResults } from '../repositories/record-results';
import { insertAcceptedUnlessDuplicate, insertSignatures } from '../repositories/signatures';
import { closeWindow, existingWindowIds, insertWindows, windowsOfDevice } from '../repositories/signing-windows';
import { assignmentsAtOffice } from '../repositories/staff-assignments';
import { staffByIds } from '../repositories/staff';
import type { OpenedIdentity } from './sync-identity';

const DAY_MS = 86_400_000;

type Outcome = { state: 'accepted' | 'duplicate' | 'rejected'; reason: Reason };

interface WindowView {
	id: string;
	openedAt: number;
	lengthMs: number;
	closedAt: number | null;
	state: 'accepted' | 'rejected';
	reason: Reason;
	personKey: string | null;
	facts: KeptSignerFacts | null;
	officeId: string;
	/** Set when the window was opened in this batch: the row still to be inserted. */
	row?: Insertable<SigningWindowTable>;
}

const rejected = (reason: Reason): Outcome => ({ state: 'rejected', reason });
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// Riga's offset from UTC has been whole hours since 1926, so its calendar day changes only on
// a UTC hour boundary: the day of every instant in one UTC hour is the same. Signatures of a
// batch fall in a few hours, so this skips almost every Intl formatting call.
const rigaDays = new Map<number, string>();
const WHOLE_HOUR_OFFSETS_SINCE = Date.UTC(1927, 0, 1);
function rigaDay(ms: number): string {
	if (ms < WHOLE_HOUR_OFFSETS_SINCE) return rigaDateOf(ms);
	const hour = Math.floor(ms / 3_600_000);
	let day = rigaDays.get(hour);
	if (day === undefined) {
		day = rigaDateOf(hour * 3_600_000);
		if (rigaDays.size > 10_000) rigaDays.clear();
		rigaDays.set(hour, day);
	}
	return day;
}
const ACCEPTED: Outcome = { state: 'accepted', reason: 'accepted' };

/** Applies new records in seq order (DESIGN §4); the caller's transaction makes it all-or-nothing. */
export async function applyRecords(
	app: App,
	trx: Kysely<Database>,
	device: DeviceRow,
	records: readonly OutboxRecord[],
	opened: ReadonlyMap<string, OpenedIdentity | null>,
	now: number
): Promise<RecordResult[]> {
	const { windowMinutes, graceDays, qcPeriodDays } = app.config;
	const maxLengthMs = windowMinutes * 60_000;
	const signingDevice = device.kind === 'kac';

	// Everything the rules need, one query per table.
	const openedHere = new Set<string>();
	const referenced = new Set<string>();
	const clerkIds = new Set<string>();
	const initiativeIds = new Set<string>();
	for (const r of records) {
		if (r.type === 'window.open') {
			openedHere.add(r.payload.windowId);
			clerkIds.add(r.payload.clerkId);
		} else if (r.type === 'signature') {
			referenced.add(r.payload.windowId);
			initiativeIds.add(r.payload.initiativeId);
		} else if (r.type === 'window.close') {
			referenced.add(r.payload.windowId);
		} else if (r.type === 'day.close') {
			clerkIds.add(r.payload.clerkId);
		}
	}
	const [earlierWindows, takenIds, initiatives, clerks, assignments] = await Promise.all([
		windowsOfDevice(trx, device.id, [...referenced].filter((id) => !openedHere.has(id))),
		existingWindowIds(trx, [...openedHere]),
		initiativesByIds(trx, [...initiativeIds]),
		staffByIds(trx, [...clerkIds]),
		assignmentsAtOffice(trx, [...clerkIds], device.office_id)
	]);
	const windows = new Map<string, WindowView>();
	for (const w of earlierWindows) {
		windows.set(w.id, {
			id: w.id,
			openedAt: Number(w.opened_at),
			lengthMs: Number(w.length_ms),
			closedAt: w.closed_at === null ? null : Number(w.closed_at),
			state: w.state,
			reason: w.reason as Reason,
			personKey: w.person_key,
			officeId: w.office_id,
			facts:
				w.state === 'accepted' && w.citizenship && w.old_enough_from
					? {
							citizenship: w.citizenship,
							oldEnoughFrom: w.old_enough_from,
							declaredMunicipality: w.declared_municipality,
							propertyMunicipalities: JSON.parse(w.property_municipalities ?? '[]') as string[]
						}
					: null
		});
	}
	const initiativeById = new Map(initiatives.map((i) => [i.id, i]));
	const clerkById = new Map(clerks.map((c) => [c.id, c]));
	const clerkWasActive = (clerkId: string, at: number) => {
		const clerk = clerkById.get(clerkId);
		if (!clerk || clerk.role !== 'clerk') return false;
		if (clerk.deactivated_at !== null && at >= Number(clerk.deactivated_at)) return false;
		return assignments.some(
			(a) =>
				a.staff_id === clerkId &&
				Number(a.active_from) <= at &&
				(a.active_until === null || at < Number(a.active_until))
		);
	};

	const outcomes = new Map<number, Outcome>();
	const signatureCandidates: Insertable<SignatureTable>[] = [];
	const otherSignatures: Insertable<SignatureTable>[] = [];
	const candidateSeq = new Map<string, number>();
	const closes: { id: string; closedAt: number; reason: string }[] = [];
	const qcRows: Insertable<QcContactTable>[] = [];
	const dayCloses: Insertable<DayCloseTable>[] = [];

	for (const r of records) {
		switch (r.type) {
			case 'window.open': {
				const p = r.payload;
				const identity = opened.get(p.windowId + ':' + r.seq) ?? null;
				let outcome: Outcome = ACCEPTED;
				if (!signingDevice) outcome = rejected('not_signing_device');
				else if (p.officeId !== device.office_id) outcome = rejected('wrong_office');
				else if (!clerkWasActive(p.clerkId, p.openedAt)) outcome = rejected('clerk_inactive');
				else if (p.lengthMs > maxLengthMs) outcome = rejected('window_too_long');
				else if (!identity) outcome = rejected('identity_unreadable');
				outcomes.set(r.seq, outcome);
				// A window id is made once on a device; one seen before is a replayed record.
				if (takenIds.has(p.windowId) || windows.has(p.windowId)) {
					outcomes.set(r.seq, rejected('tampered'));
					break;
				}
				const ok = outcome.state === 'accepted' && identity !== null;
				// The birth date is not kept: only whether the age rule holds on each day the
				// window's signatures can fall on (DESIGN §4, src/lib/domain/eligibility.ts).
				const facts = ok ? keptFacts(identity.facts, rigaDay(p.openedAt), rigaDay(p.openedAt + p.lengthMs)) : null;
				const row: Insertable<SigningWindowTable> = {
					id: p.windowId,
					device_id: device.id,
					office_id: p.officeId,
					clerk_id: p.clerkId,
					opened_at: p.openedAt,
					length_ms: p.lengthMs,
					closed_at: null,
					close_reason: null,
					identity_box: JSON.stringify(p.identity),
					person_key: ok ? identity.personKey : null,
					citizenship: facts ? facts.citizenship : null,
					declared_municipality: facts ? facts.declaredMunicipality : null,
					property_municipalities: facts ? JSON.stringify(facts.propertyMunicipalities ?? []) : null,
					old_enough_from: facts ? facts.oldEnoughFrom : null,
					receipt_hash: p.receiptHash,
					state: outcome.state === 'accepted' ? 'accepted' : 'rejected',
					reason: outcome.reason,
					received_at: now,
					seq: r.seq
				};
				windows.set(p.windowId, {
					id: p.windowId,
					openedAt: p.openedAt,
					lengthMs: p.lengthMs,
					closedAt: null,
					state: row.state as 'accepted' | 'rejected',
					reason: outcome.reason,
					personKey: row.person_key ?? null,
					facts,
					officeId: p.officeId,
					row
				});
				if (ok && identity.qc) {
					qcRows.push({
						id: uuidv7(),
						window_id: p.windowId,
						phone_box: identity.qc.phoneBox,
						phone_key: identity.qc.phoneKey,
						consented_at: p.openedAt,
						delete_after: p.openedAt + qcPeriodDays * DAY_MS
					});
				}
				break;
			}
			case 'signature': {
				const p = r.payload;
				const w = windows.get(p.windowId);
				const initiative = initiativeById.get(p.initiativeId);
				let outcome: Outcome | null = null;
				if (!signingDevice) outcome = rejected('not_signing_device');
				else if (!w) outcome = rejected('unknown_window');
				else if (w.state !== 'accepted') outcome = rejected(w.reason);
				// An accepted window without its identity was purged by retention: whatever arrives
				// for it now comes long after its visit.
				else if (!w.personKey || !w.facts) outcome = rejected('late');
				// Closing ends a window for good; and the citizen signs only inside its time.
				else if (w.closedAt !== null || !isWithinWindow(p.signedAt, w.openedAt, w.lengthMs)) outcome = rejected('window_expired');
				else if (!initiative) outcome = rejected('unknown_initiative');
				else if (
					initiative.status === 'draft' ||
					p.signedAt < Number(initiative.opens_at) ||
					p.signedAt >= Number(initiative.closes_at)
				) {
					outcome = rejected('initiative_closed');
				} else if (now > Number(initiative.closes_at) + graceDays * DAY_MS) outcome = rejected('late');
				else if (
					!checkEligibility(
						{ eligibility: initiative.eligibility, municipality: initiative.municipality },
						w.facts,
						rigaDay(p.signedAt)
					).eligible
				) {
					outcome = rejected('not_eligible');
				}
				const row: Insertable<SignatureTable> = {
					id: uuidv7(),
					window_id: p.windowId,
					initiative_id: p.initiativeId,
					person_key: w?.personKey ?? null,
					channel: 'in_person',
					office_id: w?.officeId ?? device.office_id,
					device_id: device.id,
					seq: r.seq,
					signed_at: p.signedAt,
					received_at: now,
					state: outcome ? 'rejected' : 'accepted',
					reason: outcome ? outcome.reason : 'accepted'
				};
				if (outcome) {
					outcomes.set(r.seq, outcome);
					otherSignatures.push(row);
				} else {
					signatureCandidates.push(row);
					candidateSeq.set(row.id as string, r.seq);
				}
				break;
			}
			case 'window.close': {
				const p = r.payload;
				const w = windows.get(p.windowId);
				if (!signingDevice) outcomes.set(r.seq, rejected('not_signing_device'));
				else if (!w) outcomes.set(r.seq, rejected('unknown_window'));
				else {
					if (w.closedAt === null) {
						w.closedAt = p.closedAt;
						if (w.row) {
							w.row.closed_at = p.closedAt;
							w.row.close_reason = p.reason;
						} else {
							closes.push({ id: w.id, closedAt: p.closedAt, reason: p.reason });
						}
					}
					outcomes.set(r.seq, ACCEPTED);
				}
				break;
			}
			case 'day.close': {
				// Checked like a window: a clerk of this office, active when the day was closed
				// (the record's device time), and a day that can be closed (domain/day-close.ts).
				const p = r.payload;
				let outcome: Outcome = ACCEPTED;
				if (!signingDevice) outcome = rejected('not_signing_device');
				else if (p.officeId !== device.office_id) outcome = rejected('wrong_office');
				else if (!clerkWasActive(p.clerkId, r.at)) outcome = rejected('clerk_inactive');
				else {
					const problem = dayCloseProblem(p.day, { now, enrolledAt: Number(device.enrolled_at), toleranceMs: CLOCK_TOLERANCE_MS });
					if (problem) outcome = rejected(problem);
				}
				outcomes.set(r.seq, outcome);
				if (outcome.state === 'accepted') {
					dayCloses.push({
						device_id: device.id,
						seq: r.seq,
						office_id: p.officeId,
						clerk_id: p.clerkId,
						day: p.day,
						windows_opened: p.windowsOpened,
						visits_with_signatures: p.visitsWithSignatures,
						abandoned_windows: p.abandonedWindows,
						unsynced: p.unsynced,
						closed_at: r.at,
						received_at: now
					});
				}
				break;
			}
		}
	}

	// Writes, batched. Windows first: QC contacts refer to them.
	await insertWindows(
		trx,
		[...windows.values()].flatMap((w) => (w.row ? [w.row] : []))
	);
	for (const c of closes) await closeWindow(trx, c.id, c.closedAt, c.reason);
	// Deduplication is the database's: the first accepted signature per person and initiative
	// wins, in this batch as across devices and instances; the rest are duplicates.
	// Inserted in one global order (initiative, person, then seq, so the first in the batch still
	// wins): two pushes racing for the same people then wait for each other in the same order,
	// never in a cycle. In batch order, two instances deadlocked on PostgreSQL's unique index
	// (tests/server/scale-out.spec.ts).
	signatureCandidates.sort(
		(a, b) =>
			cmp(a.initiative_id, b.initiative_id) || cmp(a.person_key ?? '', b.person_key ?? '') || Number(a.seq) - Number(b.seq)
	);
	const inserted = await insertAcceptedUnlessDuplicate(trx, signatureCandidates);
	for (const row of signatureCandidates) {
		const seq = candidateSeq.get(row.id as string)!;
		if (inserted.has(row.id as string)) outcomes.set(seq, ACCEPTED);
		else {
			outcomes.set(seq, { state: 'duplicate', reason: 'duplicate' });
			otherSignatures.push({ ...row, state: 'duplicate', reason: 'duplicate' });
		}
	}
	await insertSignatures(trx, otherSignatures);
	await insertQcContacts(trx, qcRows);
	await insertDayCloses(trx, dayCloses);

	const results: RecordResult[] = records.map((r) => {
		const o = outcomes.get(r.seq)!;
		return { seq: r.seq, id: r.id, state: o.state, reason: o.reason };
	});
	const resultRows: Insertable<RecordResultTable>[] = records.map((r, i) => ({
		device_id: device.id,
		seq: r.seq,
		record_id: r.id,
		hash: r.hash,
		type: r.type,
		state: results[i].state as RecordResultTable['state'],
		reason: results[i].reason,
		processed_at: now
	}));
	await insertRecordResults(trx, resultRows);
	return results;
}
