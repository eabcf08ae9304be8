import { privateHeaders, requireQc } from '$lib/server/qc';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
	const { session } = await requireQc(event);
	privateHeaders(event);
	return { auditor: { name: session.staff.name, role: session.staff.role } };
};
