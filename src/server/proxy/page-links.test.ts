import { describe, expect, it } from 'vitest';
import { OPERATIONS } from './allowlist';
import { consoleLink, rewritePageLinks } from './page-links';

const op = (id: string) => OPERATIONS.find((o) => o.id === id)!;
const agents = op('listAgents');

describe('consoleLink', () => {
  it('keeps the path and the allowed query of the same operation, whatever the host', () => {
    expect(
      consoleLink(
        'https://api.cekura.ai/test_framework/v1/aiagents/short_list/?page=2&project_id=7',
        agents,
        'https://api.cekura.ai',
      ),
    ).toBe('/api/test_framework/v1/aiagents/short_list/?page=2&project_id=7');
    expect(
      consoleLink(
        'http://10.0.0.5:8000/test_framework/v1/aiagents/short_list/?page=3',
        agents,
        'https://api.cekura.ai',
      ),
    ).toBe('/api/test_framework/v1/aiagents/short_list/?page=3');
  });

  it('strips the path prefix of a gateway-mounted API', () => {
    expect(
      consoleLink(
        'https://gw.example/cekura/dashboards/dashboards/?page=2',
        op('listDashboards'),
        'https://gw.example/cekura',
      ),
    ).toBe('/api/dashboards/dashboards/?page=2');
  });

  it('refuses another operation, an unknown parameter, or a path outside the prefix', () => {
    const baseUrl = 'https://api.cekura.ai';
    expect(consoleLink(`${baseUrl}/user/v1/projects/?page=2`, agents, baseUrl)).toBeNull();
    expect(consoleLink(`${baseUrl}/test_framework/v1/aiagents/short_list/?cursor=abc`, agents, baseUrl)).toBeNull();
    expect(
      consoleLink(
        'https://gw.example/other/test_framework/v1/aiagents/short_list/',
        agents,
        'https://gw.example/cekura',
      ),
    ).toBeNull();
  });
});

describe('rewritePageLinks', () => {
  it('rewrites next and previous, leaves null links and non-pages alone', () => {
    const page = {
      count: 3,
      next: 'http://h/test_framework/v1/aiagents/short_list/?page=3',
      previous: null,
      results: [],
    };
    const out = rewritePageLinks(Buffer.from(JSON.stringify(page)), agents, 'http://h');
    expect(out.ok && JSON.parse(out.body.toString())).toEqual({
      ...page,
      next: '/api/test_framework/v1/aiagents/short_list/?page=3',
    });
    const list = Buffer.from('[1,2]');
    expect(rewritePageLinks(list, agents, 'http://h')).toEqual({ ok: true, body: list });
  });

  it('refuses a page whose link the console cannot follow', () => {
    const page = { count: 3, next: 'http://h/user/v1/projects/', previous: null, results: [] };
    const out = rewritePageLinks(Buffer.from(JSON.stringify(page)), agents, 'http://h');
    expect(out.ok).toBe(false);
  });
});
