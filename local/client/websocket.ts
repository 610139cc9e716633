/**
 * aws-amplify v6 always opens real-time sockets with `wss://`, even for an `http://` endpoint
 * (reference §7.1). The local engine serves plain `ws://` on loopback, so an app pointed at
 * `npm start` installs this WebSocket before `Amplify.configure`:
 *
 *   globalThis.WebSocket = loopbackWebSocket(globalThis.WebSocket);      // browser
 *   globalThis.WebSocket = loopbackWebSocket(WebSocket from 'ws');       // Node
 *
 * Only loopback hosts are rewritten; every other URL is left exactly as it was.
 */
const LOOPBACK_WSS = /^wss:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\//;

export function toLoopbackWs(url: string | URL): string {
  const text = String(url);
  return LOOPBACK_WSS.test(text) ? text.replace(/^wss:/, 'ws:') : text;
}

type WebSocketClass = new (url: string | URL, protocols?: string | string[]) => object;

export function loopbackWebSocket(Base: WebSocketClass): WebSocketClass {
  return class LoopbackWebSocket extends Base {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(toLoopbackWs(url), protocols);
    }
  };
}
