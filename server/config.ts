import { z } from 'zod';

/**
 * Deployment settings, read once from the environment. Every setting has a safe default so
 * that `npm start` works with no configuration; a bad value stops the server at start with a
 * message naming the variable, rather than failing later in a request.
 */
const schema = z.object({
	DATABASE_URL: z
		.string()
		.default('file:./data/klatiene.db')
		.refine((v) => v.startsWith('file:') || /^postgres(ql)?:\/\//.test(v), {
			message: 'must start with file: (SQLite) or postgres:// (PostgreSQL)'
		}),
	DEMO_DATA: z.enum(['auto', 'on', 'off']).default('auto'),
	CATALOG_CLOSING_SOON_DAYS: z.coerce.number().int().min(1).max(60).default(14)
});

export type Config = {
	databaseUrl: string;
	/** 'auto' seeds demo data into an empty embedded (SQLite) database only. */
	demoData: 'auto' | 'on' | 'off';
};

export class ConfigError extends Error {}

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
	const parsed = schema.safeParse(env);
	if (!parsed.success) {
		const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
		throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
	}
	return { databaseUrl: parsed.data.DATABASE_URL, demoData: parsed.data.DEMO_DATA };
}
