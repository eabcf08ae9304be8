/**
 * Demo staff with known passwords, for a demo or a development database only (never a real
 * deployment: set DEMO_DATA=off there). Each clerk works at one demo KAC.
 */
import type { StaffRole } from '../db/schema';

export interface DemoLogin {
	username: string;
	password: string;
	name: string;
	role: StaffRole;
	/** Slug of the clerk's KAC (see demo-data.ts); null for auditors and administrators. */
	office: string | null;
}

export const DEMO_LOGINS: readonly DemoLogin[] = [
	{ username: 'admins', password: 'demo-admins-2026', name: 'Anna Administratore', role: 'admin', office: null },
	{ username: 'revidents', password: 'demo-revidents-2026', name: 'Roberts Revidents', role: 'auditor', office: null },
	{ username: 'klerks.grobina', password: 'demo-grobina-2026', name: 'Ilze Bērziņa', role: 'clerk', office: 'kac-grobina' },
	{ username: 'klerks.riga', password: 'demo-riga-2026', name: 'Jānis Kalniņš', role: 'clerk', office: 'kac-riga-pils-laukums' },
	{ username: 'klerks.kekava', password: 'demo-kekava-2026', name: 'Līga Ozola', role: 'clerk', office: 'kac-kekava' },
	{ username: 'klerks.vecpiebalga', password: 'demo-vecpiebalga-2026', name: 'Pēteris Liepiņš', role: 'clerk', office: 'kac-vecpiebalga' }
];
