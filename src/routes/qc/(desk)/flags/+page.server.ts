import { fail } from '@sveltejs/kit';
import { listFlags, resolveQcFlag } from '$server/services/qc/flags';
import { requireQc } from '$lib/server/qc';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { app } = await requireQc(event);
	const resolved = event.url.searchParams.get('show') === 'resolved';
	return { resolved, flags: await listFlags(app, { resolved }) };
};

export const actions: Actions = {
	resolve: async (event) => {
		const { app, staffId } = await requireQc(event);
		const data = await event.request.formData();
		const flagId = String(data.get('flag') ?? '').slice(0, 64);
		const note = String(data.get('note') ?? '');
		const r = await resolveQcFlag(app, staffId, flagId, note);
		if (!r.ok) return fail(r.reason === 'not_found' ? 404 : 400, { flagId, problem: r.reason, note });
		return { resolved: flagId };
	}
};
