import { documentFile } from '../io/document-file.js';
import { InventoryError } from '../plan/errors.js';
import { type InventorySnapshot, InventorySnapshotSchema } from './schema.js';

/** An inventory snapshot as YAML or JSON; planning offline starts here. */
const snapshotDocument = documentFile<InventorySnapshot>({
  schema: InventorySnapshotSchema,
  error: InventoryError,
  what: 'an inventory snapshot',
  hint: 'take a new one with takeInventory() / `edgekit inventory --save`',
});

export const parseSnapshot = (text: string, source = 'snapshot'): InventorySnapshot =>
  snapshotDocument.parse(text, source);
export const serializeSnapshot = snapshotDocument.serialize;
export const saveSnapshotFile = snapshotDocument.save;
export const loadSnapshotFile = snapshotDocument.load;
