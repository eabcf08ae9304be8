/**
 * The back office over tRPC, for scripts and tools; people use the /admin pages, which call
 * the same services. Administrators only (adminProcedure).
 */
import { z } from 'zod';
import { isMonth } from '../../../src/lib/domain/billing';
import { INITIATIVE_STATUSES } from '../../../src/lib/domain/initiative-status';
import { devicesForAdmin } from '../../repositories/admin-staff';
import { initiativesForAdmin } from '../../repositories/admin-catalog';
import { billingReport } from '../../services/admin/billing';
import { changeInitiativeStatus } from '../../services/admin/initiatives';
import { verifyAuditChain } from '../../services/audit';
import { adminProcedure } from '../admin-procedure';
import { router } from '../trpc';

export const adminRouter = router({
	initiatives: adminProcedure.query(({ ctx }) => initiativesForAdmin(ctx.app.database.db)),

	setInitiativeStatus: adminProcedure
		.input(z.object({ id: z.string().min(1).max(64), status: z.enum(INITIATIVE_STATUSES) }))
		.mutation(({ ctx, input }) => changeInitiativeStatus(ctx.app, input.id, input.status, ctx.actor)),

	devices: adminProcedure.query(({ ctx }) => devicesForAdmin(ctx.app.database.db)),

	billing: adminProcedure
		.input(z.object({ month: z.string().refine(isMonth, 'month must be YYYY-MM') }))
		.query(({ ctx, input }) => billingReport(ctx.app, input.month)),

	auditVerify: adminProcedure.query(({ ctx }) => verifyAuditChain(ctx.app.database.db))
});
