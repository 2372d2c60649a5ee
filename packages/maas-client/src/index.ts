export { type MaasApiKey, parseApiKey } from './auth/api-key.js';
