/**
 * What makes an initiative well-formed, whoever writes it (the seed, an import, the back
 * office form). Field paths in the issues are the form's field names.
 */
import { z } from 'zod';
import { isMunicipalityCode } from './municipalities';

export const SAEIMA_SIGNATURE_GOAL = 10_000;

const slug = z
	.string()
	.trim()
	.min(3, 'slug_too_short')
	.max(80, 'slug_too_long')
	.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'slug_format');

const text = (max: number) => z.string().trim().min(1, 'required').max(max, 'too_long');

export const initiativeFields = z
	.object({
		slug,
		titleLv: text(200),
		titleEn: text(200),
		summaryLv: text(600),
		summaryEn: text(600),
		bodyLv: text(50_000),
		bodyEn: text(50_000),
		scope: z.enum(['national', 'municipal']),
		municipality: z.string().nullable(),
		status: z.enum(['draft', 'open', 'closed', 'submitted']),
		opensAt: z.number().int().nonnegative(),
		closesAt: z.number().int().nonnegative(),
		goal: z.number().int().min(1, 'goal_positive').max(2_000_000, 'goal_too_large'),
		onlineCount: z.number().int().nonnegative().default(0)
	})
	.superRefine((v, ctx) => {
		if (v.scope === 'municipal' && !isMunicipalityCode(v.municipality)) {
			ctx.addIssue({ code: 'custom', path: ['municipality'], message: 'municipality_required' });
		}
		if (v.scope === 'national' && v.municipality !== null) {
			ctx.addIssue({ code: 'custom', path: ['municipality'], message: 'municipality_not_allowed' });
		}
		if (v.closesAt <= v.opensAt) {
			ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'closes_before_opens' });
		}
	});

export type InitiativeFields = z.input<typeof initiativeFields>;

/** The eligibility profile follows from the scope: Saeima initiatives are national. */
export function eligibilityOf(scope: 'national' | 'municipal'): 'saeima' | 'municipal' {
	return scope === 'national' ? 'saeima' : 'municipal';
}
