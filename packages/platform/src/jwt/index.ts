// Token verification below `verifierOptions`: auth's keys from a URL of your choosing, with
// your own dispatcher, timeouts or limits.
export { type RemoteJwksOptions, remoteJwks } from './remote-jwks.ts';
