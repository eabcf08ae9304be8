import { z } from 'zod';
import { serializeCookie } from '../../http/cookies';
import { login, logout, SESSION_COOKIE, type LoginFailure, type StaffInfo } from '../../services/auth';
import { publicProcedure, router } from '../trpc';

export const loginInput = z.object({
	username: z.string().trim().min(1).max(100),
	password: z.string().min(1).max(200),
	/** The enrolled device the clerk logs in on; a clerk must be of that device's office. */
	deviceId: z.string().min(1).max(64).nullish()
});

export type LoginAnswer =
	| { ok: true; staff: StaffInfo }
	| { ok: false; reason: LoginFailure; retryAfterSec?: number };

export const authRouter = router({
	login: publicProcedure.input(loginInput).mutation(async ({ ctx, input }): Promise<LoginAnswer> => {
		const result = await login(ctx.app, input, ctx.clientAddress);
		if (!result.ok) return result;
		ctx.resHeaders.append(
			'set-cookie',
			serializeCookie(SESSION_COOKIE, result.token, {
				maxAgeSec: (result.expiresAt - ctx.app.now()) / 1000,
				secure: ctx.secure
			})
		);
		return { ok: true, staff: result.staff };
	}),

	logout: publicProcedure.mutation(async ({ ctx }): Promise<{ ok: true }> => {
		await logout(ctx.app, ctx.sessionToken);
		ctx.resHeaders.append('set-cookie', serializeCookie(SESSION_COOKIE, '', { maxAgeSec: 0, secure: ctx.secure }));
		return { ok: true };
	}),

	me: publicProcedure.query(({ ctx }): { staff: StaffInfo; deviceId: string | null } | null => {
		const s = ctx.session;
		if (!s) return null;
		return {
			staff: { id: s.staff.id, name: s.staff.name, role: s.staff.role, officeId: s.staff.officeId },
			deviceId: s.deviceId
		};
	})
});
