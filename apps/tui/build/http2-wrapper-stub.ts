// got imports http2-wrapper at load but calls it only for requests made with `http2: true`, which no
// edgekit client sets (maas-client speaks HTTP/1.1; Juju is a WebSocket). Loading it is not free:
// http2-wrapper builds a TLS socket at import, which loads the root CA store, and that put ~35 ms on the
// first read's start (the worker alone, median of 13 runs). The bin resolves it here instead; a request
// that did ask for HTTP/2 fails with this message rather than going out some other way.
const unavailable = (): never => {
  throw new Error(
    'HTTP/2 is not available in the edgekit bin (got: http2-wrapper is left out of the bundle)',
  );
};

export default {
  get auto() {
    return unavailable();
  },
  get globalAgent() {
    return unavailable();
  },
};
