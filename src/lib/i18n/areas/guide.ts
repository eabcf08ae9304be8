/** Adds the once-a-month clerk's guidance messages (issue 19): imported by the guide components. */
import { addMessages } from '../index.svelte';
import { guideLv } from '../messages/guide.lv';
import { guideEn } from '../messages/guide.en';

addMessages(guideLv, guideEn);
