import { z } from 'zod';
import { DEFAULT_ENROLLMENT_TTL_MS, createEnrollmentCode, enrollDevice, revokeDevice } from '../../services/enrollment';
import { adminProcedure } from '../admin-procedure';
import { publicProcedure, router } from '../trpc';

export const enrollInput = z.object({
	code: z.string().min(1).max(40),
	/** The device's ECDSA P-256 public key as JWK (no private part). */
	publicKey: z.looseObject({ kty: z.string(), crv: z.string(), x: z.string(), y: z.string() })
});

export const deviceRouter = router({
	enroll: publicProcedure.input(enrollInput).mutation(({ ctx, input }) => {
		return enrollDevice(ctx.app, input, ctx.clientAddress);
	}),

	/** For administrators (the back office's Devices page and the CLI do the same). */
	createEnrollmentCode: adminProcedure
		.input(
			z.object({
				office: z.string().min(1).max(80),
				kind: z.enum(['kac', 'library']).optional(),
				hours: z.number().positive().max(14 * 24).optional()
			})
		)
		.mutation(({ ctx, input }) => {
			const ttl = input.hours ? input.hours * 3_600_000 : DEFAULT_ENROLLMENT_TTL_MS;
			return createEnrollmentCode(ctx.app.database.db, input.office, input.kind, ttl, ctx.app.now(), ctx.actor);
		}),

	revoke: adminProcedure
		.input(z.object({ deviceId: z.string().min(1).max(64) }))
		.mutation(async ({ ctx, input }) => ({ ok: await revokeDevice(ctx.app.database.db, input.deviceId, ctx.app.now(), ctx.actor) }))
});
