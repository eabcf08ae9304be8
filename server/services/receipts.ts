/**
 * `/receipt` (DESIGN §6): anyone holding a receipt code sees what was signed in that visit and
 * how each signature stands, and nothing about the person. Found by the code's hash only;
 * rate limited per address across instances, so codes cannot be guessed.
 */
import type { Localized } from '../../src/lib/domain/catalog-protocol';
import { rigaDateOf, type IsoDate } from '../../src/lib/domain/dates';
import { parseReceiptCode, receiptCodeHash } from '../../src/lib/domain/receipt-code';
import type { App } from '../app';
import type { SignatureState } from '../db/schema';
import { latestReportOfWindow } from '../repositories/qc-calls';
import { signaturesOfWindow } from '../repositories/signatures';
import { windowByReceiptHash } from '../repositories/signing-windows';
import { clientKey, take, type Limit } from './rate-limit';

/** Receipt checks and "I did not sign this" reports together, per address (IPv6: per /64). */
export const RECEIPT_LIMIT: Limit = { max: 20, windowMs: 10 * 60_000 };
export const RECEIPT_SCOPE = 'receipt';

/**
 * counted: accepted and counted; duplicate: the person had already signed it; rejected: a
 * rule refused it; revoked: quality control revoked it; pending: known but not decided yet
 * (not produced by the server today: reserved for signatures held for review).
 */
export type ReceiptSignatureState = 'counted' | 'duplicate' | 'rejected' | 'revoked' | 'pending';

export interface ReceiptView {
	office: Localized;
	/** Calendar date of the visit in Latvia, YYYY-MM-DD. */
	openedDate: IsoDate;
	signatures: { initiativeId: string; slug: string; title: Localized; state: ReceiptSignatureState }[];
	/** Present when the visit was reported as "I did not sign this" (DESIGN §6). */
	report?: { at: number; open: boolean };
}

export type ReceiptCheck =
	| { ok: true; receipt: ReceiptView }
	| { ok: false; reason: 'invalid_code' | 'not_found' | 'rate_limited'; retryAfterSec?: number };

const STATE: Record<SignatureState, ReceiptSignatureState> = {
	accepted: 'counted',
	duplicate: 'duplicate',
	rejected: 'rejected',
	revoked: 'revoked'
};

export async function checkReceipt(app: App, input: { code: string }, ip: string): Promise<ReceiptCheck> {
	const db = app.database.db;
	const now = app.now();
	// Counted before the lookup, so parallel or batched checks cannot outrun the limit.
	const taken = await take(db, RECEIPT_SCOPE, clientKey(ip), RECEIPT_LIMIT, now);
	if (!taken.ok) return { ok: false, reason: 'rate_limited', retryAfterSec: taken.retryAfterSec };

	const parsed = parseReceiptCode(input.code);
	if (!parsed.ok) return { ok: false, reason: 'invalid_code' };
	const window = await windowByReceiptHash(db, await receiptCodeHash(parsed.code));
	// Not found also means "not synced yet": the office device may still hold the visit.
	if (!window) return { ok: false, reason: 'not_found' };
	const [signatures, report] = await Promise.all([signaturesOfWindow(db, window.id), latestReportOfWindow(db, window.id)]);
	return {
		ok: true,
		receipt: {
			...(report ? { report: { at: Number(report.created_at), open: report.status === 'open' } } : {}),
			office: { lv: window.name_lv, en: window.name_en },
			openedDate: rigaDateOf(Number(window.opened_at)),
			signatures: signatures.map((s) => ({
				initiativeId: s.initiative_id,
				slug: s.slug,
				title: { lv: s.title_lv, en: s.title_en },
				state: STATE[s.state]
			}))
		}
	};
}
