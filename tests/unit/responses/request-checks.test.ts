import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { hostPolicy, linkOriginOf, refusalOf } from '../../../src/responses/request-checks.ts';
import { normaliseTarget, policyFor } from '../../../src/responses/routes.ts';

const request = (method: string, url: string, host?: string) =>
  ({ method, url, headers: host === undefined ? {} : { host } }) as unknown as IncomingMessage;

describe('refusalOf', () => {
  const open = hostPolicy('https://creneau.example', []);
  it('accepts host names, IPv4 and bracketed IPv6, with a port', () => {
    for (const host of [
      'creneau.example',
      'creneau.example:443',
      '127.0.0.1:4321',
      '[::1]:4321',
      'localhost',
      'a-b.c.',
    ])
      expect(refusalOf(request('GET', '/', host), open), host).toBeNull();
  });
  it('refuses credentials, spaces, underscores, bad ports and unbracketed IPv6 with 400', () => {
    for (const host of [
      'user@evil.example',
      'a b',
      'exa_mple.com',
      'x.example:123456',
      '::1',
      'évil.example',
      '',
    ])
      expect(refusalOf(request('GET', '/', host), open), host).toEqual({ status: 400, reason: 'host' });
  });
  it('refuses other hosts only when the operator listed hosts', () => {
    const strict = hostPolicy('https://creneau.example', ['www.creneau.example']);
    expect(refusalOf(request('GET', '/', 'creneau.example'), strict)).toBeNull();
    expect(refusalOf(request('GET', '/', 'WWW.creneau.example'), strict)).toBeNull();
    expect(refusalOf(request('GET', '/', 'evil.example'), strict)).toEqual({ status: 400, reason: 'host' });
  });
  it('refuses methods no route takes with 405, and targets that are not paths with 400', () => {
    for (const method of ['TRACE', 'POST', 'CONNECT', 'PATCH'])
      expect(refusalOf(request(method, '/'), open)).toEqual({ status: 405, reason: 'method' });
    for (const url of ['http://evil.example/', '*', '//evil.example/x'])
      expect(refusalOf(request('GET', url), open)).toEqual({ status: 400, reason: 'target' });
  });
});

describe('linkOriginOf', () => {
  it('follows a Host naming this machine or a listed one, never another', () => {
    expect(linkOriginOf('127.0.0.1:4321', [])?.origin).toBe('http://127.0.0.1:4321');
    expect(linkOriginOf('localhost:8080', [])?.origin).toBe('http://localhost:8080');
    expect(linkOriginOf('[::1]:4321', [])?.origin).toBe('http://[::1]:4321');
    expect(linkOriginOf('mairie.example', ['mairie.example'])?.origin).toBe('http://mairie.example');
    for (const host of [
      'evil.example',
      '127.0.0.1.evil.example',
      'localhost.evil.example',
      'user@127.0.0.1',
      undefined,
    ])
      expect(linkOriginOf(host, []), String(host)).toBeNull();
  });
});

describe('normaliseTarget and policyFor', () => {
  it('keeps a machine-read query as given but in order (the API refuses unknown parameters itself)', () => {
    expect(normaliseTarget('/api/v1/centres?lat=48&lon=-1&utm_source=x&lang=fr')).toEqual({
      pathname: '/api/v1/centres',
      search: '?lang=fr&lat=48&lon=-1&utm_source=x',
    });
  });
  it('refuses a path that does not decode; a query that does not is read as U+FFFD, as browsers do', () => {
    expect(normaliseTarget('/centres/%E2%82')).toBeNull();
    expect(normaliseTarget('/recherche?q=%ED%A0%80')?.search).toBe('?q=%EF%BF%BD%EF%BF%BD%EF%BF%BD');
  });
  it('keeps data pages and redirects, renders live routes', () => {
    expect(policyFor('/recherche', '?commune=35238')).toEqual({
      kind: 'memo',
      key: '/recherche?commune=35238',
      version: 'data',
    });
    expect(policyFor('/go/abc', '')).toMatchObject({ kind: 'memo', version: 'listing' });
    for (const live of ['/healthz', '/statut', '/metrics', '/api/v1/places'])
      expect(policyFor(live, '').kind, live).toBe('render');
  });
});
