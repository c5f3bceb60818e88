import { v7 as uuidv7 } from 'uuid';
import { insertCustomer } from '../customers/repo.js';
import type { DemoFiller } from './seed.js';

/**
 * Platform customers (billing accounts) for the demo, so "Link customer" on a
 * contact has something to link: the companies of the demo's customer
 * contacts, and two that have no contact yet.
 */
export const demoCustomers: { name: string; email: string }[] = [
  { name: 'Acme Corporation', email: 'billing@acmecorp.com' },
  { name: 'TechStart Inc', email: 'accounts@techstart.io' },
  { name: 'Globex Industries', email: 'ap@globex.example' },
  { name: 'Initech', email: 'finance@initech.example' },
];

export const customersDemo: DemoFiller = async (tx, demo) => {
  for (const c of demoCustomers) {
    await insertCustomer(tx, { orgId: demo.orgId, id: uuidv7(), ...c });
  }
};
