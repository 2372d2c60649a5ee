/**
 * `@edgekit/juju-client/internal`: the WebSocket RPC machinery under JujuClient, for tests, benchmarks
 * and tools that speak frames themselves. Not covered by semver: it changes with the transport.
 */
export { parseResponseFrame, type RequestFrame, RequestIds, type ResponseFrame } from './rpc/frame.js';
export { RpcTransport, type TransportEvents, type TransportOptions } from './rpc/transport.js';
