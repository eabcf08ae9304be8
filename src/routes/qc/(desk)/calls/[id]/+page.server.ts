import { error, fail, redirect } from '@sveltejs/kit';
import { QC_RESULTS, type QcResult } from '$lib/domain/qc-calls';
import { callView, claimCall, recordOutcome, releaseCall } from '$server/services/qc/calls';
import { requireQc } from '$lib/server/qc';
import type { Actions, PageServerLoad } from './$types';

const ID = /^[0-9a-f-]{36}$/;

export const load: PageServerLoad = async (event) => {
	const { app, staffId, session } = await requireQc(event);
	if (!ID.test(event.params.id)) error(404, 'No such call');
	// The phone number is opened here only for the auditor holding the call; callView audits it.
	const view = await callView(app, staffId, event.params.id, { withPhone: true });
	if (!view) error(404, 'No such call');
	return { call: view, auditorName: session.staff.name, now: app.now() };
};

export const actions: Actions = {
	claim: async (event) => {
		const { app, staffId } = await requireQc(event);
		const r = await claimCall(app, staffId, event.params.id);
		if (!r.ok) return fail(r.reason === 'not_found' ? 404 : 409, { problem: r.reason });
		return { claimed: true };
	},
	release: async (event) => {
		const { app, staffId } = await requireQc(event);
		await releaseCall(app, staffId, event.params.id);
		redirect(303, '/qc');
	},
	record: async (event) => {
		const { app, staffId } = await requireQc(event);
		const data = await event.request.formData();
		const result = String(data.get('result') ?? '');
		const note = String(data.get('note') ?? '').slice(0, 2000);
		const initiativeIds = data.getAll('initiative').map(String).filter(Boolean).slice(0, 50);
		const values = { result, note, initiativeIds };
		if (!(QC_RESULTS as readonly string[]).includes(result)) return fail(400, { problem: 'result_required', values });
		const answer = await recordOutcome(app, staffId, event.params.id, {
			result: result as QcResult,
			note,
			initiativeIds: result === 'denied' ? initiativeIds : undefined
		});
		if (!answer.ok) return fail(answer.reason === 'not_held' ? 409 : 400, { problem: answer.reason, values });
		redirect(303, `/qc?saved=${answer.final ?? 'attempt'}${answer.escalated.length ? '&escalated=1' : ''}`);
	}
};
