// Preload (`node --import`) for the offline test: any attempt to open a network connection
// throws, so a command that works under it provably never touches the network.
import net from 'node:net';
import tls from 'node:tls';
import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';

const refuse = (what) => () => {
  throw new Error(`network access attempted (${what}) in an offline command`);
};
net.connect = net.createConnection = refuse('net.connect');
net.Socket.prototype.connect = refuse('net.Socket.connect');
tls.connect = refuse('tls.connect');
dgram.createSocket = refuse('dgram.createSocket');
dns.lookup = refuse('dns.lookup');
dns.promises.lookup = refuse('dns.promises.lookup');
http.request = http.get = refuse('http.request');
https.request = https.get = refuse('https.request');
globalThis.fetch = refuse('fetch');
globalThis.WebSocket = refuse('WebSocket');
