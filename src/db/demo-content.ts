import { contactsDemo } from '../contacts/demo.js';
import { dealsDemo } from '../deals/demo.js';
import { templatesDemo } from '../templates/demo.js';
import type { DemoFiller } from './seed.js';

/** The domains' demo content, in the order it is added (contacts before deals). */
export const demoFillers: DemoFiller[] = [contactsDemo, dealsDemo, templatesDemo];
