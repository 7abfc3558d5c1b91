import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LookupConfig, parseTrustProxy, validateConfig } from '@app/platform';

/**
 * docker/compose.yaml as deployed behind its nginx: read as text (no YAML parser is installed), by the two-space
 * indentation the file keeps; `.ci/run` validates the whole file with `docker compose config` where it can.
 */
const DOCKER = join(__dirname, '..', '..', '..', 'docker');
const compose = readFileSync(join(DOCKER, 'compose.yaml'), 'utf8');
const nginx = readFileSync(join(DOCKER, 'nginx.conf'), 'utf8');

/** Each service's lines (under `services:`, comments and blank lines left out). */
function services(text: string): Map<string, string[]> {
  const lines = text.split('\n');
  const found = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of lines.slice(lines.indexOf('services:') + 1)) {
    if (/^\S/.test(line)) break; // the next top-level key
    const name = /^ {2}([\w-]+):\s*$/.exec(line)?.[1];
    if (name) found.set(name, (current = []));
    else if (current && line.trim() && !line.trim().startsWith('#')) current.push(line);
  }
  return found;
}

/** The entries under a service's `key:` (a map's `NAME: value` pairs, or a list's `- item`s), quotes removed. */
function entries(block: string[], key: string): string[] {
  const start = block.findIndex((l) => l === `    ${key}:`);
  if (start < 0) return [];
  const end = block.findIndex((l, i) => i > start && /^ {4}\S/.test(l));
  return block
    .slice(start + 1, end < 0 ? undefined : end)
    .map((l) => l.trim().replace(/^- /, ''))
    .map((l) => l.replace(/^([A-Z_]+): /, '$1=').replace(/'/g, ''));
}

const environment = (block: string[]) => Object.fromEntries(entries(block, 'environment').map((e) => e.split(/=(.*)/s, 2)));

describe('docker/compose.yaml', () => {
  const all = services(compose);
  const apps = [...all].filter(([, block]) => block.some((l) => l.trim() === 'build:'));

  it('is read as the services it runs', () => {
    expect([...all.keys()]).toEqual(expect.arrayContaining(['registry', 'lookup', 'lookup-lb']));
    expect(apps.map(([name]) => name).sort()).toEqual(['lookup', 'registry']);
  });

  it("sets TRUST_PROXY on every service behind its nginx, which is reached only through it and appends the client's address", () => {
    const balancers = [...all].filter(([, block]) => block.some((l) => /^\s+image: nginx/.test(l)));
    expect(balancers.map(([name]) => name)).toEqual(['lookup-lb']);
    expect(entries(balancers[0][1], 'volumes')).toEqual([expect.stringMatching(/^\.\/nginx\.conf:/)]);
    const behind = [...nginx.matchAll(/^\s*server\s+([\w-]+):\d+/gm)].map((m) => m[1]);
    expect(behind).toEqual(['lookup']);
    expect(nginx).toMatch(/proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;/);
    for (const name of behind) {
      const value = environment(all.get(name)!).TRUST_PROXY;
      expect({ name, value }).toEqual({ name, value: expect.any(String) });
      expect(validateConfig({ TRUST_PROXY: value }, LookupConfig).TRUST_PROXY).toBe(value);
      // One hop (nginx): neither the socket's address (every client would share nginx's limit) nor `true` (a
      // client's own X-Forwarded-For would be believed).
      expect(parseTrustProxy(value)).toEqual({ kind: 'hops', hops: 1 });
      // Nothing reaches it around nginx: a direct client could otherwise name any address.
      expect(entries(all.get(name)!, 'ports')).toEqual([]);
    }
  });

  it.each([
    ['registry', '9464'],
    ['lookup', '9465'],
  ])('lets a scraper on its network reach the %s metrics listener, published neither on the host nor through nginx', (name, port) => {
    const block = all.get(name)!;
    expect(environment(block)).toMatchObject({ METRICS_HOST: '0.0.0.0', METRICS_PORT: port });
    expect(entries(block, 'expose')).toContain(port);
    expect(entries(block, 'ports').some((p) => p.split(':').includes(port))).toBe(false);
    expect(nginx).not.toContain(`:${port}`);
  });
});
