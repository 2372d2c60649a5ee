export { hasTrailingSlash } from './http/paths.js';
