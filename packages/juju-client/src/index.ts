export * from './core/errors.js';
export { REDACTED, redact } from './core/redact.js';
export { parseResponseFrame, type RequestFrame, RequestIds, type ResponseFrame } from './rpc/frame.js';
export {
  type CallOptions,
  type CallSpec,
  isIdempotent,
  RpcTransport,
  type TransportEvents,
  type TransportOptions,
} from './rpc/transport.js';
