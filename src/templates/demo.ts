import type { DemoFiller } from '../db/seed.js';

// Placeholder: this domain's demo content is being written.
export const templatesDemo: DemoFiller = async () => {};
