import { isMonth, monthOf, recentMonths } from '$lib/domain/billing';
import { billingReport } from '$server/services/admin/billing';
import { requireAdmin } from '$lib/server/admin';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { app } = await requireAdmin(event);
	const current = monthOf(app.now());
	const asked = event.url.searchParams.get('month') ?? '';
	const month = isMonth(asked) ? asked : current;
	return {
		month,
		problem: asked && !isMonth(asked) ? 'month_format' : null,
		months: recentMonths(current, 24),
		report: await billingReport(app, month, { locale: event.locals.locale })
	};
};
