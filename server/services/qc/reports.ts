/**
 * "I did not sign this" (DESIGN §6): the holder of a receipt code reports a whole visit, or
 * some of its initiatives, from /receipt. The report opens a QC case at the top of the call list
 * at once (or lifts the visit's open call there), flags the visit and is audited. Like the
 * receipt check it is rate limited per address (the same limit and counter), and it answers
 * nothing without a valid code: no page or API answers "did person X sign?".
 */
import { v7 as uuidv7 } from 'uuid';
import { CALL_PRIORITY } from '../../../src/lib/domain/qc-calls';
import { parseReceiptCode, receiptCodeHash } from '../../../src/lib/domain/receipt-code';
import type { App } from '../../app';
import { insertCallIfNoneOpen, insertReport, openCallOfWindow, reportsOfWindow } from '../../repositories/qc-calls';
import { appendAuditBy } from '../audit';
import { clientKey, take } from '../rate-limit';
import { RECEIPT_LIMIT, RECEIPT_SCOPE } from '../receipts';
import { addFlag, flagVisits, liftOpenCalls } from './decisions';

export interface ReportInput {
	code: string;
	scope: 'visit' | 'initiatives';
	initiativeIds?: string[];
}

export type ReportAnswer =
	| {
			ok: true;
			/** A short reference the citizen can quote. */
			reference: string;
			reportedAt: number;
			/** The citizen gave a phone number for QC calls at the office: an auditor will call. */
			callable: boolean;
			/** The visit was already reported and its case is still open. */
			already: boolean;
	  }
	| { ok: false; reason: 'invalid_code' | 'not_found' | 'rate_limited' | 'bad_initiatives'; retryAfterSec?: number };

export function referenceOf(callId: string): string {
	return callId.replace(/-/g, '').slice(-8).toUpperCase();
}

export async function reportNotSigned(app: App, input: ReportInput, ip: string): Promise<ReportAnswer> {
	const db = app.database.db;
	const now = app.now();
	const taken = await take(db, RECEIPT_SCOPE, clientKey(ip), RECEIPT_LIMIT, now);
	if (!taken.ok) return { ok: false, reason: 'rate_limited', retryAfterSec: taken.retryAfterSec };

	const parsed = parseReceiptCode(input.code);
	if (!parsed.ok) return { ok: false, reason: 'invalid_code' };
	const window = await db
		.selectFrom('signing_window')
		.select(['id', 'office_id', 'clerk_id'])
		.where('receipt_hash', '=', await receiptCodeHash(parsed.code))
		.orderBy('opened_at')
		.executeTakeFirst();
	if (!window) return { ok: false, reason: 'not_found' };

	const ofVisit = new Set(
		(await db.selectFrom('signature').select('initiative_id').where('window_id', '=', window.id).execute()).map((s) => s.initiative_id)
	);
	const ids = [...new Set(input.initiativeIds ?? [])];
	if (input.scope === 'initiatives' && (ids.length === 0 || ids.some((id) => !ofVisit.has(id)))) {
		return { ok: false, reason: 'bad_initiatives' };
	}

	return db.transaction().execute(async (trx) => {
		const contact = await trx.selectFrom('qc_contact').select('id').where('window_id', '=', window.id).executeTakeFirst();
		let call = await openCallOfWindow(trx, window.id);
		let already = false;
		if (call) {
			already = (await reportsOfWindow(trx, window.id)).some((r) => r.call_id === call!.id);
			// A citizen's report goes to the top of the list, whatever put the visit there first.
			await liftOpenCalls(trx, [window.id], CALL_PRIORITY.report);
		} else {
			const id = uuidv7();
			await insertCallIfNoneOpen(trx, {
				id,
				window_id: window.id,
				office_id: window.office_id,
				clerk_id: window.clerk_id,
				source: 'report',
				priority: CALL_PRIORITY.report,
				callable: contact ? 1 : 0,
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
			call = (await openCallOfWindow(trx, window.id))!;
		}
		const reportId = uuidv7();
		await insertReport(trx, {
			id: reportId,
			window_id: window.id,
			call_id: call.id,
			scope: input.scope,
			initiative_ids: JSON.stringify(input.scope === 'initiatives' ? ids : []),
			created_at: now
		});
		await addFlag(
			trx,
			{
				level: 'visit',
				signal: 'citizen_report',
				officeId: window.office_id,
				clerkId: window.clerk_id,
				windowId: window.id,
				details: { scope: input.scope, initiatives: input.scope === 'initiatives' ? ids.length : ofVisit.size },
				key: `citizen_report:${reportId}`
			},
			now
		);
		await flagVisits(app, trx, [window.id], 'citizen_report', now);
		await appendAuditBy(
			trx,
			{ type: 'citizen', id: null },
			'qc.report',
			{ type: 'signing_window', id: window.id },
			{ callId: call.id, scope: input.scope, initiatives: input.scope === 'initiatives' ? ids : [] },
			now
		);
		return { ok: true as const, reference: referenceOf(call.id), reportedAt: now, callable: !!contact, already };
	});
}
