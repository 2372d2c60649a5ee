// Shared by every edgekit package and inlined into each one's build (this package is never published).
export { noSecrets, REDACTED, Redactor, redactKeys } from './redact.js';
export { sleep } from './sleep.js';
export { issuesLine } from './zod-issues.js';
