import { startOfDay } from '$lib/domain/billing';
import { addDays } from '$lib/domain/dates';
import { parseDate } from '$lib/domain/hours-text';
import { AUDIT_ACTIONS, auditPage } from '$server/services/admin/audit-view';
import { verifyAuditChain } from '$server/services/audit';
import { requireAdmin } from '$lib/server/admin';
import type { Actions, PageServerLoad } from './$types';

/** Filters are a GET form: the URL of a filtered view can be shared and bookmarked. */
export const load: PageServerLoad = async (event) => {
	const { app } = await requireAdmin(event);
	const q = event.url.searchParams;
	const values = {
		action: q.get('action') ?? '',
		actor: (q.get('actor') ?? '').trim(),
		subject: (q.get('subject') ?? '').trim(),
		from: (q.get('from') ?? '').trim(),
		to: (q.get('to') ?? '').trim()
	};
	const problems: Record<string, string> = {};
	const from = values.from ? parseDate(values.from) : null;
	const to = values.to ? parseDate(values.to) : null;
	if (values.from && !from) problems.from = 'date_format';
	if (values.to && !to) problems.to = 'date_format';
	if (values.action && !(AUDIT_ACTIONS as readonly string[]).includes(values.action)) problems.action = 'invalid';
	const beforeText = q.get('before');
	const before = beforeText && /^\d{1,15}$/.test(beforeText) ? Number(beforeText) : undefined;
	const page = Object.keys(problems).length
		? { rows: [], next: null, unknownActor: false }
		: await auditPage(
				app,
				{
					action: values.action || undefined,
					actor: values.actor || undefined,
					subject: values.subject || undefined,
					from: from ? startOfDay(from) : undefined,
					// The "to" day is included.
					to: to ? startOfDay(addDays(to, 1)) : undefined
				},
				before
			);
	return { values, problems, actions: [...AUDIT_ACTIONS], ...page, before: before ?? null };
};

export const actions: Actions = {
	verify: async (event) => {
		const { app } = await requireAdmin(event);
		return { verdict: await verifyAuditChain(app.database.db) };
	}
};
