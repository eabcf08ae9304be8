import { z } from 'zod';
import { parseEuroCents } from '../src/lib/domain/billing';
import { WINDOW_MINUTES } from '../src/lib/domain/signing-window';
import { qcConfigOf, qcEnvSchema, type QcConfig } from './qc-config';

/**
 * Deployment settings, read once from the environment. Every setting has a safe default so
 * that `npm start` works with no configuration (the demo); a bad value stops the server at
 * start with a message naming the variable, rather than failing later in a request. The keys
 * have no default outside the demo: server/keys/resolve.ts says what to set.
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

const jwkList = z
	.string()
	.transform((text, ctx) => {
		try {
			const value = JSON.parse(text) as unknown;
			if (Array.isArray(value) && value.every((v) => v && typeof v === 'object' && !Array.isArray(v))) {
				return value as (JsonWebKey & { kid?: string })[];
			}
		} catch {
			// reported below
		}
		ctx.addIssue({ code: 'custom', message: 'must be a JSON array of JSON Web Keys' });
		return z.NEVER;
	})
	.optional();

/** The embedded database `npm start` makes when DATABASE_URL is not set: the demo's. */
export const DEFAULT_DATABASE_URL = 'file:./data/klatiene.db';

const schema = z.object({
	DATABASE_URL: z
		.string()
		.default(DEFAULT_DATABASE_URL)
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
	/** The server's keys (server/keys/resolve.ts): a key file outside the database… */
	KEY_FILE: z.string().optional(),
	/** …or the environment: the identity-sealing key, an ECDH P-256 private JWK… */
	SEALING_PRIVATE_KEY: jwkJson,
	SEALING_PUBLIC_KEY: jwkJson,
	/** …the keys rotated out, which still open what was sealed to them (JSON array of JWKs)… */
	SEALING_RETIRED_KEYS: jwkList,
	/** …and the HMAC secret behind person keys (at least 32 characters). */
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
	/** Worker threads that open sealed identities and hash pushed records (server/identity-opener.ts); 0: on the event loop. */
	CRYPTO_WORKERS: z.coerce.number().int().min(0).max(16).optional(),
	/** Quality control: QC_* (server/qc-config.ts, README "Quality control"). */
	...qcEnvSchema.shape
});

export type Config = {
	databaseUrl: string;
	/** False when DATABASE_URL was not set: the default embedded database, the demo's. */
	databaseUrlGiven: boolean;
	/**
	 * 'auto': the demo (demo data and a generated key file) only when the server makes the
	 * default ./data/klatiene.db itself (server/keys/demo.ts); 'on': into any empty database;
	 * 'off': never.
	 */
	demoData: 'auto' | 'on' | 'off';
	windowMinutes: number;
	graceDays: number;
	qcPeriodDays: number;
	sessionHours: number;
	/** Set when the deployment names its public origin; otherwise the request's own origin. */
	origin: string | null;
	/** KEY_FILE as given (resolved against the working directory when used). */
	keyFile: string | null;
	sealingPrivateKey: (JsonWebKey & { kid?: string }) | null;
	sealingPublicKey: (JsonWebKey & { kid?: string }) | null;
	sealingRetiredKeys: (JsonWebKey & { kid?: string })[];
	personKeySecret: string | null;
	/** Fee per billed visit, in euro cents. */
	billingFeeCents: number;
	retentionDays: number;
	purgeDaily: boolean;
	/** CRYPTO_WORKERS, or null: one per spare core, 1 to 4. */
	cryptoWorkers: number | null;
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
		databaseUrlGiven: present.DATABASE_URL !== undefined,
		demoData: d.DEMO_DATA,
		windowMinutes: d.WINDOW_MINUTES,
		graceDays: d.GRACE_DAYS,
		qcPeriodDays: d.QC_PERIOD_DAYS,
		sessionHours: d.SESSION_HOURS,
		origin: d.ORIGIN ? new URL(d.ORIGIN).origin : null,
		keyFile: d.KEY_FILE ?? null,
		sealingPrivateKey: d.SEALING_PRIVATE_KEY ?? null,
		sealingPublicKey: d.SEALING_PUBLIC_KEY ?? null,
		sealingRetiredKeys: d.SEALING_RETIRED_KEYS ?? [],
		personKeySecret: d.PERSON_KEY_SECRET ?? null,
		billingFeeCents: parseEuroCents(d.BILLING_FEE_EUR)!,
		retentionDays: d.RETENTION_DAYS,
		purgeDaily: d.PURGE_DAILY === '1',
		cryptoWorkers: d.CRYPTO_WORKERS ?? null,
		qc: qcConfigOf(d)
	};
}
