import { fail, redirect } from '@sveltejs/kit';
import { callList } from '$server/services/qc/call-list';
import { claimNextCall } from '$server/services/qc/calls';
import { scheduleQcRefresh } from '$server/services/qc/schedule';
import { requireQc } from '$lib/server/qc';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { app, staffId } = await requireQc(event);
	// Accepted visits enter the frame as they are reconciled; opening the list catches up too.
	await scheduleQcRefresh(app);
	return { list: await callList(app, staffId), claimMinutes: app.config.qc.claimMinutes, now: app.now() };
};

export const actions: Actions = {
	next: async (event) => {
		const { app, staffId } = await requireQc(event);
		const r = await claimNextCall(app, staffId);
		if (!r.ok) return fail(409, { nothingFree: true });
		redirect(303, `/qc/calls/${r.callId}`);
	}
};
