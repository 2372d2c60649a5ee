// Shared by every edgekit package and inlined into each one's build (this package is never published).

// The zod-free part is also `@edgekit/common/base` (base.ts); listed here by file, as the declaration
// bundles of the packages that inline common need (an `export *` is left unresolved in them).
export { type ErrorKind, errorKind } from './error-kind.js';
export { EdgekitError, type EdgekitErrorOptions } from './errors.js';
export { heldSecrets, holdSecret } from './held-secrets.js';
export {
  configDir,
  type JujuProfile,
  JujuProfileSchema,
  type MaasProfile,
  MaasProfileSchema,
  PROFILE_NAME,
  type Profile,
  ProfileSchema,
  type ProfilesFile,
  ProfilesFileError,
  ProfilesFileSchema,
  profilesPath,
  readProfiles,
  saveProfile,
} from './profiles.js';
export { noSecrets, REDACTED, Redactor, redactKeys } from './redact.js';
export { FIRST_POLL_MS, pollDelay, sleep } from './sleep.js';
export { issuePath, issueSummary, issuesLine } from './zod-issues.js';
