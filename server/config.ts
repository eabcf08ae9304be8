import { z } from 'zod';
import { parseEuroCents } from '../src/lib/domain/billing';
import { WINDOW_MINUTES } from '../src/lib/domain/signing-window';
import { qcConfigOf, qcEnvSchema, type QcConfig } from './qc-config';

/**
 * Deployment settings, read once from the environment. Every setting has a safe default so
 * that `npm start` works with no configuration; a bad value stops the server at start with a
 * message naming the variable, rather than failing later in a request.
 */
const jwkJson = z
	.string()
	.transform((text, ctx) => {
		try {
			const value = JSON.parse(text) as unknown;
			if (value && typeof value === 'object' && !Array.isArray(value)) return value as JsonWebKey & { kid?: string };
		} catch {
			// reported below
		}
		ctx.addIssue({ code: 'custom', message: 'must be a JSON Web Key (JSON object)' });
		return z.NEVER;
	})
	.optional();

const schema = z.object({
	DATABASE_URL: z
		.string()
		.default('file:./data/klatiene.db')
		.refine((v) => v.startsWith('file:') || /^postgres(ql)?:\/\//.test(v), {
			message: 'must start with file: (SQLite) or postgres:// (PostgreSQL)'
		}),
	DEMO_DATA: z.enum(['auto', 'on', 'off']).default('auto'),
	CATALOG_CLOSING_SOON_DAYS: z.coerce.number().int().min(1).max(60).default(14),
	/** Length of a signing window, in minutes (DESIGN §3: 5-30, default 15). */
	WINDOW_MINUTES: z.coerce
		.number()
		.int()
		.min(WINDOW_MINUTES.min)
		.max(WINDOW_MINUTES.max)
		.default(WINDOW_MINUTES.default),
	/** Days after an initiative closes in which signatures made before the close still count. */
	GRACE_DAYS: z.coerce.number().int().min(0).max(365).default(14),
	/** Days a consented quality-control phone number is kept after its visit. */
	QC_PERIOD_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
	/** How long a staff login lasts, in hours. */
	SESSION_HOURS: z.coerce.number().int().min(1).max(72).default(12),
	/** The public origin (https://klatiene.example.lv); mutations from any other origin get 403. */
	ORIGIN: z.url().optional(),
	/** The server's identity-sealing key: ECDH P-256 private JWK (see server/secrets.ts). */
	SEALING_PRIVATE_KEY: jwkJson,
	SEALING_PUBLIC_KEY: jwkJson,
	/** The HMAC secret behind person keys (at least 32 characters; see server/secrets.ts). */
	PERSON_KEY_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
	/** Fee per billed visit (a window with at least one accepted signature), in euros: '2.50'. */
	BILLING_FEE_EUR: z
		.string()
		.default('2.50')
		.refine((v) => parseEuroCents(v) !== null, { message: 'must be an amount in euros such as 2.50' }),
	/** Days after an initiative is submitted before its signers' identities are deleted. */
	RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(90),
	/** 1: the server runs the retention purge at start and then daily. */
	PURGE_DAILY: z.enum(['0', '1']).default('0'),
	/** Quality control: QC_* (server/qc-config.ts, README "Quality control"). */
	...qcEnvSchema.shape
});

export type Config = {
	databaseUrl: string;
	/** 'auto' seeds demo data into an empty embedded (SQLite) database only. */
	demoData: 'auto' | 'on' | 'off';
	windowMinutes: number;
	graceDays: number;
	qcPeriodDays: number;
	sessionHours: number;
	/** Set when the deployment names its public origin; otherwise the request's own origin. */
	origin: string | null;
	sealingPrivateKey: (JsonWebKey & { kid?: string }) | null;
	sealingPublicKey: (JsonWebKey & { kid?: string }) | null;
	personKeySecret: string | null;
	/** Fee per billed visit, in euro cents. */
	billingFeeCents: number;
	retentionDays: number;
	purgeDaily: boolean;
	/** Quality control: sampling rates, leases, escalation and the anomaly thresholds. */
	qc: QcConfig;
};

export class ConfigError extends Error {}

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
	// An empty variable (FOO= in a .env file) means "not set", not "set to nothing".
	const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
	const parsed = schema.safeParse(present);
	if (!parsed.success) {
		const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
		throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
	}
	const d = parsed.data;
	return {
		databaseUrl: d.DATABASE_URL,
		demoData: d.DEMO_DATA,
		windowMinutes: d.WINDOW_MINUTES,
		graceDays: d.GRACE_DAYS,
		qcPeriodDays: d.QC_PERIOD_DAYS,
		sessionHours: d.SESSION_HOURS,
		origin: d.ORIGIN ? new URL(d.ORIGIN).origin : null,
		sealingPrivateKey: d.SEALING_PRIVATE_KEY ?? null,
		sealingPublicKey: d.SEALING_PUBLIC_KEY ?? null,
		personKeySecret: d.PERSON_KEY_SECRET ?? null,
		billingFeeCents: parseEuroCents(d.BILLING_FEE_EUR)!,
		retentionDays: d.RETENTION_DAYS,
		purgeDaily: d.PURGE_DAILY === '1',
		qc: qcConfigOf(d)
	};
}
