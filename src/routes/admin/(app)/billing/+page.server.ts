import { isMonth, monthOf, recentMonths } from '$lib/domain/billing';
import { statementMonthProblem } from '$lib/domain/billing-statement';
import { statementsList } from '$server/repositories/billing-statements';
import { billingReport } from '$server/services/admin/billing';
import { requireAdmin } from '$lib/server/admin';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { app } = await requireAdmin(event);
	const current = monthOf(app.now());
	const asked = event.url.searchParams.get('month') ?? '';
	const month = isMonth(asked) ? asked : current;
	const [report, issued] = await Promise.all([
		billingReport(app, month, { locale: event.locals.locale }),
		statementsList(app.database.db, { month, limit: 10_000 })
	]);
	return {
		month,
		problem: asked && !isMonth(asked) ? 'month_format' : null,
		months: recentMonths(current, 24),
		report,
		/** Each office's issued statement of this month, if any. */
		statements: Object.fromEntries(issued.map((s) => [s.office_id, { id: s.id, number: Number(s.number) }])),
		/** Statements can be issued once the month has ended in Rīga. */
		issuable: statementMonthProblem(month, app.now()) === null
	};
};
