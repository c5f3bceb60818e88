import { contactsDemo } from './contacts.js';
import { customersDemo } from './customers.js';
import { dealsDemo } from './deals.js';
import { templatesDemo } from './templates.js';
import type { DemoFiller } from './seed.js';

/** The domains' demo content, in the order it is added (customers and contacts before deals). */
export const demoFillers: DemoFiller[] = [customersDemo, contactsDemo, dealsDemo, templatesDemo];
