import { error } from '@sveltejs/kit';
import { isMonth } from '$lib/domain/billing';
import { isMunicipalityCode } from '$lib/domain/municipalities';
import { recordAudit } from '$server/services/audit';
import { billingCsv, billingReport } from '$server/services/admin/billing';
import { attachmentHeader, CSV_CONTENT_TYPE } from '$server/services/admin/csv';
import { requireAdmin } from '$lib/server/admin';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { app, actor } = await requireAdmin(event);
	const month = event.url.searchParams.get('month') ?? '';
	const municipality = event.url.searchParams.get('municipality') || undefined;
	if (!isMonth(month)) error(400, 'month must be YYYY-MM');
	if (municipality && !isMunicipalityCode(municipality)) error(400, 'unknown municipality');
	const locale = event.locals.locale;
	const report = await billingReport(app, month, { municipality, locale });
	await recordAudit(
		app.database.db,
		{ actorType: actor.type, actorId: actor.id, action: 'export.billing', subjectType: municipality ? 'municipality' : null, subjectId: municipality ?? null, details: { month, visits: report.total.visits, amountCents: report.total.amountCents } },
		app.now()
	);
	return new Response(billingCsv(report, locale), {
		headers: {
			'content-type': CSV_CONTENT_TYPE,
			'content-disposition': attachmentHeader(`rekini-${month}${municipality ? `-${municipality}` : ''}.csv`),
			'cache-control': 'no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
