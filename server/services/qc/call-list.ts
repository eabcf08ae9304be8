/** The call list page's data: open calls in queue order and the latest completed ones. */
import type { Localized } from '../../../src/lib/domain/catalog-protocol';
import type { App } from '../../app-context';
import { openCallList, recentCompletedCalls } from '../../repositories/qc-calls';

export interface CallListItem {
	id: string;
	source: 'sample' | 'report' | 'full_review';
	reported: boolean;
	callable: boolean;
	attempts: number;
	office: Localized;
	openedAt: number;
	/** Not before this (after an unanswered attempt); 0 = now. */
	nextAttemptAfter: number;
	/** Another auditor is working it until this time. */
	heldBy: string | null;
	heldUntil: number | null;
	mine: boolean;
}

export interface CallList {
	open: CallListItem[];
	done: { id: string; source: string; outcome: string | null; status: string; completedAt: number; revoked: number; office: Localized; auditor: string | null }[];
}

export async function callList(app: App, staffId: string): Promise<CallList> {
	const db = app.database.db;
	const now = app.now();
	const [open, done] = await Promise.all([openCallList(db, 300), recentCompletedCalls(db, 20)]);
	return {
		open: open.map((c) => {
			const live = c.claimed_until !== null && Number(c.claimed_until) > now;
			return {
				id: c.id,
				source: c.source,
				reported: Number(c.reports ?? 0) > 0,
				callable: c.callable === 1,
				attempts: c.attempts,
				office: { lv: c.name_lv, en: c.name_en },
				openedAt: Number(c.opened_at),
				nextAttemptAfter: Number(c.next_attempt_after) > now ? Number(c.next_attempt_after) : 0,
				heldBy: live ? (c.holder_name ?? '') : null,
				heldUntil: live ? Number(c.claimed_until) : null,
				mine: live && c.claimed_by === staffId
			};
		}),
		done: done.map((c) => ({
			id: c.id,
			source: c.source,
			outcome: c.outcome,
			status: c.status,
			completedAt: Number(c.completed_at ?? 0),
			revoked: c.revoked_signatures,
			office: { lv: c.name_lv, en: c.name_en },
			auditor: c.auditor_name ?? null
		}))
	};
}
