import { contactsDemo } from './contacts.js';
import { dealsDemo } from './deals.js';
import { templatesDemo } from './templates.js';
import type { DemoFiller } from './seed.js';

/** The domains' demo content, in the order it is added (contacts before deals). */
export const demoFillers: DemoFiller[] = [contactsDemo, dealsDemo, templatesDemo];
