/**
 * Taking back "I did not sign this" (issue 11 §4): within a few minutes of a report, the holder
 * of the receipt code may withdraw it. The report row goes; the call goes too when the report
 * alone made it and nobody has called yet (src/lib/domain/report-withdrawal.ts decides); the
 * report's flag is resolved with a note. The audit log keeps both the report and its withdrawal.
 * Rate limited with the receipt check, and nothing is answered without a valid code.
 */
import { parseReceiptCode, receiptCodeHash } from '../../../src/lib/domain/receipt-code';
import { decideWithdrawal } from '../../../src/lib/domain/report-withdrawal';
import type { App } from '../../app';
import { appendAuditBy } from '../audit';
import { clientKey, take } from '../rate-limit';
import { RECEIPT_LIMIT, RECEIPT_SCOPE } from '../receipts';

export type WithdrawAnswer =
	| { ok: true; callRemoved: boolean }
	| { ok: false; reason: 'invalid_code' | 'not_found' | 'rate_limited' | 'no_report' | 'too_late'; retryAfterSec?: number };

export async function withdrawReport(app: App, input: { code: string }, ip: string): Promise<WithdrawAnswer> {
	const db = app.database.db;
	const now = app.now();
	// Counted before the lookup, in the receipt check's own bucket (server/services/receipts.ts).
	const taken = await take(db, RECEIPT_SCOPE, clientKey(ip), RECEIPT_LIMIT, now);
	if (!taken.ok) return { ok: false, reason: 'rate_limited', retryAfterSec: taken.retryAfterSec };

	const parsed = parseReceiptCode(input.code);
	if (!parsed.ok) return { ok: false, reason: 'invalid_code' };
	const window = await db
		.selectFrom('signing_window')
		.select('id')
		.where('receipt_hash', '=', await receiptCodeHash(parsed.code))
		.orderBy('opened_at')
		.executeTakeFirst();
	if (!window) return { ok: false, reason: 'not_found' };

	return db.transaction().execute(async (trx) => {
		const report = await trx
			.selectFrom('qc_report')
			.selectAll()
			.where('window_id', '=', window.id)
			.orderBy('created_at', 'desc')
			.executeTakeFirst();
		const call = report ? await trx.selectFrom('qc_call').selectAll().where('id', '=', report.call_id).executeTakeFirst() : undefined;
		const others = report
			? await trx.selectFrom('qc_report').select('id').where('call_id', '=', report.call_id).where('id', '!=', report.id).execute()
			: [];
		const decision = decideWithdrawal({
			report: report ? { createdAt: Number(report.created_at) } : null,
			call: call ? { source: call.source, attempts: Number(call.attempts), status: call.status } : null,
			otherReports: others.length,
			now
		});
		if (!decision.ok || !report) return { ok: false as const, reason: decision.ok ? ('no_report' as const) : decision.reason };

		await trx.deleteFrom('qc_report').where('id', '=', report.id).execute();
		if (decision.removeCall) await trx.deleteFrom('qc_call').where('id', '=', report.call_id).execute();
		await trx
			.updateTable('qc_flag')
			.set({ resolved_at: now, resolved_by: null, resolution_note: 'withdrawn by the citizen' })
			.where('dedupe_key', '=', `citizen_report:${report.id}`)
			.where('resolved_at', 'is', null)
			.execute();
		await appendAuditBy(
			trx,
			{ type: 'citizen', id: null },
			'qc.report.withdrawn',
			{ type: 'signing_window', id: window.id },
			{ callId: report.call_id, callRemoved: decision.removeCall, reportedAt: Number(report.created_at) },
			now
		);
		return { ok: true as const, callRemoved: decision.removeCall };
	});
}
