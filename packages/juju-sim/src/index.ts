export { notImplementedBeforeLogin } from './rpc/errors.js';
