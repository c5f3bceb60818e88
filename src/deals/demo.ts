import type { DemoFiller } from '../db/seed.js';

// Placeholder: this domain's demo content is being written.
export const dealsDemo: DemoFiller = async () => {};
