/**
 * A device's new records applied in seq order inside the push's transaction
 * (server/services/sync.ts). The rules themselves are pure and live in
 * src/lib/domain/sync-rules.ts; this module only gathers the facts they need (one query per
 * table), asks them record by record, and writes what they answer. Every record gets an
 * outcome; rows are written in a few multi-row statements.
 */
import type { Insertable, Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { rigaDateOfCached as rigaDay } from '../../src/lib/domain/dates';
import { keptFacts } from '../../src/lib/domain/eligibility';
import type { OutboxRecord } from '../../src/lib/domain/outbox-record';
import { CLOCK_TOLERANCE_MS, type Reason, type RecordResult } from '../../src/lib/domain/sync-protocol';
import {
	ACCEPTED,
	DUPLICATE,
	dayCloseOutcome,
	signatureOutcome,
	windowCloseOutcome,
	windowOpenOutcome,
	type ClerkFacts,
	type DeviceFacts,
	type Outcome,
	type WindowFacts
} from '../../src/lib/domain/sync-rules';
import type { App } from '../app-context';
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

interface WindowView extends WindowFacts {
	id: string;
	officeId: string;
	/** Set when the window was opened in this batch: the row still to be inserted. */
	row?: Insertable<SigningWindowTable>;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

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
	const initiativeById = new Map(
		initiatives.map((i) => [
			i.id,
			{
				status: i.status as 'draft' | 'open' | 'closed' | 'submitted',
				opensAt: Number(i.opens_at),
				closesAt: Number(i.closes_at),
				eligibility: i.eligibility,
				municipality: i.municipality
			}
		])
	);
	const clerkById = new Map<string, ClerkFacts>(
		clerks.map((c) => [
			c.id,
			{
				role: c.role,
				deactivatedAt: c.deactivated_at === null ? null : Number(c.deactivated_at),
				assignments: assignments
					.filter((a) => a.staff_id === c.id)
					.map((a) => ({
						activeFrom: Number(a.active_from),
						activeUntil: a.active_until === null ? null : Number(a.active_until)
					}))
			}
		])
	);
	const deviceFacts: DeviceFacts = {
		signing: device.kind === 'kac',
		officeId: device.office_id,
		enrolledAt: Number(device.enrolled_at)
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
				const outcome = windowOpenOutcome(p, {
					device: deviceFacts,
					clerk: clerkById.get(p.clerkId),
					maxLengthMs,
					identityReadable: identity !== null,
					replayed: takenIds.has(p.windowId) || windows.has(p.windowId)
				});
				outcomes.set(r.seq, outcome);
				// A replayed window is not written again: the first one stands.
				if (outcome.reason === 'tampered') break;
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
				const outcome = signatureOutcome(p, {
					device: deviceFacts,
					window: w,
					initiative: initiativeById.get(p.initiativeId),
					now,
					graceDays
				});
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
					state: outcome.state,
					reason: outcome.reason
				};
				if (outcome.state !== 'accepted') {
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
				const outcome = windowCloseOutcome({ device: deviceFacts, windowKnown: w !== undefined });
				outcomes.set(r.seq, outcome);
				// The first close counts; a resent one changes nothing.
				if (outcome.state === 'accepted' && w && w.closedAt === null) {
					w.closedAt = p.closedAt;
					if (w.row) {
						w.row.closed_at = p.closedAt;
						w.row.close_reason = p.reason;
					} else {
						closes.push({ id: w.id, closedAt: p.closedAt, reason: p.reason });
					}
				}
				break;
			}
			case 'day.close': {
				const p = r.payload;
				const outcome = dayCloseOutcome(
					{ ...p, at: r.at },
					{ device: deviceFacts, clerk: clerkById.get(p.clerkId), now, toleranceMs: CLOCK_TOLERANCE_MS }
				);
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
			outcomes.set(seq, DUPLICATE);
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
