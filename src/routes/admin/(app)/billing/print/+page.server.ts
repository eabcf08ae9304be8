import { error } from '@sveltejs/kit';
import { isMonth, monthRange } from '$lib/domain/billing';
import { isMunicipalityCode } from '$lib/domain/municipalities';
import { billingReport } from '$server/services/admin/billing';
import { requireAdmin } from '$lib/server/admin';
import type { PageServerLoad } from './$types';

/** A printable statement for one municipality and month. */
export const load: PageServerLoad = async (event) => {
	const { app } = await requireAdmin(event);
	const month = event.url.searchParams.get('month') ?? '';
	const municipality = event.url.searchParams.get('municipality') ?? '';
	if (!isMonth(month) || !isMunicipalityCode(municipality)) error(404, 'Choose a month and a municipality');
	const report = await billingReport(app, month, { municipality, locale: event.locals.locale });
	const range = monthRange(month);
	return { month, municipality, report, from: range.from, lastDay: range.to - 1, generatedAt: app.now() };
};
