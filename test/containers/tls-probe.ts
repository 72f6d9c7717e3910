// Does a TLS server that proves it is <servername> (a certificate signed by the CA in CA_FILE)
// answer at <host>:<port>? Prints `reached` or `unreachable: <why>`; exits 0 either way, so a
// failing exit means the probe itself could not run.
// The tests run it on the host and, mounted, inside a container. A bare TCP connect proves nothing:
// a proxy or firewall may accept any connection; only the service's own certificate proves it.
//   CA_FILE=.dev/ca/ca.crt node test/containers/tls-probe.ts 172.18.0.3 8443 notes
import { readFileSync } from 'node:fs';
import { connect } from 'node:tls';

const [host = '', port = '8443', servername = host] = process.argv.slice(2);
const socket = connect({
  host,
  port: Number(port),
  servername,
  ca: readFileSync(process.env.CA_FILE ?? 'ca.crt'),
  timeout: 3000,
});
const answer = (line: string) => {
  console.log(line);
  socket.destroy();
};
socket.on('secureConnect', () => {
  answer('reached');
});
socket.on('timeout', () => {
  answer('unreachable: timed out');
});
socket.on('error', (error: NodeJS.ErrnoException) => {
  answer(`unreachable: ${error.code ?? error.message}`);
});
