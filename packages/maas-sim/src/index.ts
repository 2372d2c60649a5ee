export { ManualClock, ScaledClock, type SimClock } from './clock.js';
export { PHASE_MS } from './domain/lifecycle.js';
export { ApiError, MaasSimError, type MaasSimErrorCode } from './errors.js';
export type { FaultKind, FaultRule, FaultsOption } from './faults.js';
export { SIM_CONTROL_ENDPOINTS } from './http/control.js';
export type { RequestStats } from './http/server.js';
export { type MaasSim, type MaasSimOptions, type SiteOption, startMaasSim } from './start.js';
export { MAAS_VERSIONS, type MaasVersion, VERSION_STRINGS } from './version.js';
