import { dashboard } from '$server/services/qc/dashboard';
import { scheduleQcRefresh } from '$server/services/qc/schedule';
import { requireQc } from '$lib/server/qc';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { app } = await requireQc(event);
	await scheduleQcRefresh(app);
	return { dash: await dashboard(app) };
};
