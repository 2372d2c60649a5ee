export { type RequestFrame, RequestIds } from './rpc/frame.js';
