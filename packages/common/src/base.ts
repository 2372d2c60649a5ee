// The part of common with no zod in it: errors, error kinds, redaction, sleeps. A program's start imports
// this instead of the index, whose profile schemas would load zod first (the edgekit bin spawns its first
// read's thread before zod loads).
export { type ErrorKind, errorKind } from './error-kind.js';
export { EdgekitError, type EdgekitErrorOptions } from './errors.js';
export { heldSecrets, holdSecret } from './held-secrets.js';
export { noSecrets, REDACTED, Redactor, redactKeys } from './redact.js';
export { FIRST_POLL_MS, pollDelay, sleep } from './sleep.js';
