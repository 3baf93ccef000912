import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { request } from 'node:http';
import { connect } from 'node:tls';
const server = createServer({ key: readFileSync('/tmp/tlsdbg/key.pem'), cert: readFileSync('/tmp/tlsdbg/cert.pem') }, (req, res) => res.end('hi'));
server.on('tlsClientError', (e) => console.log('server tls error', e.message));
server.listen(0, '127.0.0.1', () => {
  const port = (server.address() as any).port;
  const socket = connect({ host: '127.0.0.1', port, servername: 'fraud-service', rejectUnauthorized: false });
  socket.on('secureConnect', () => {
    console.log('secure', socket.authorized, socket.authorizationError);
    const req = request({ host: '127.0.0.1', port, path: '/', agent: false, createConnection: () => socket, headers: { host: 'fraud-service' } }, (res) => {
      res.setEncoding('utf8'); res.on('data', (d) => console.log('body', d)); res.on('end', () => server.close());
    });
    req.on('error', (e) => { console.log('req error', e); server.close(); });
    req.end();
  });
});
