// Ink imports react-devtools-core only when DEV=true; the shipped bundle leaves the React DevTools bridge
// out (it is a development tool with its own WebSocket client), so that import resolves here instead.
export default { initialize() {}, connectToDevTools() {} };
