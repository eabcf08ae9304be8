/** Adds the admin messages to the i18n layer: imported for its side effect by the area's pages. */
import { addMessages } from '../index.svelte';
import { adminLv } from '../messages/admin.lv';
import { adminEn } from '../messages/admin.en';

addMessages(adminLv, adminEn);
