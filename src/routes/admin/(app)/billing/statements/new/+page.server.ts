import { fail, redirect } from '@sveltejs/kit';
import { draftStatement, issueStatement } from '$server/services/admin/statements';
import { requireAdmin } from '$lib/server/admin';
import type { Actions, PageServerLoad } from './$types';

/** The draft of one KAC's statement for one month: what issuing would freeze, or why it cannot. */
export const load: PageServerLoad = async (event) => {
	const { app } = await requireAdmin(event);
	const officeId = event.url.searchParams.get('office') ?? '';
	const month = event.url.searchParams.get('month') ?? '';
	return { officeId, month, answer: await draftStatement(app, officeId, month) };
};

export const actions: Actions = {
	default: async (event) => {
		const { app, session } = await requireAdmin(event);
		const data = await event.request.formData();
		const officeId = String(data.get('office') ?? '');
		const month = String(data.get('month') ?? '');
		const r = await issueStatement(app, session.staff.id, officeId, month);
		if (!r.ok) {
			const status = r.problem === 'not_found' ? 404 : r.problem === 'already_issued' ? 409 : 400;
			return fail(status, { problem: r.problem, statementId: r.statementId ?? null });
		}
		redirect(303, `/admin/billing/statements/${r.id}?issued=1`);
	}
};
