import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Me } from './api/types';
import { SECOND_FACTOR_PATH } from './router';
import { findRoute, homeOf, mayLand, mayOpen, navItems, PUBLIC_ROUTES, ROUTES } from './routes';

const ORG = '3f1c2a9e-0000-4000-8000-000000000001';
const OTHER = '3f1c2a9e-0000-4000-8000-000000000002';
const me = (role: Me['role'], organizationId: string | null = null): Me => ({
  id: 'u1',
  username: 'u',
  role,
  organizationId,
  passwordChangeRequired: false,
  secondFactorEnrollmentRequired: false,
  secondFactorEnrolled: false,
});
const regulator = me('regulator');
const admin = me('agency_admin', ORG);
const auditor = me('auditor');
const opens = (who: Me, route: string) => mayOpen(who, findRoute(ROUTES, route));

describe('the route table', () => {
  it('gives each role its navigation, in order, and its home', () => {
    expect(navItems(regulator).map((n) => n.label)).toEqual([
      'Hàng chờ duyệt',
      'Cơ quan',
      'Hồ sơ đăng ký',
      'Lời mời',
      'Tên được bảo vệ',
      'Nhà mạng',
      'Nhật ký',
      'Người dùng',
      'Đổi mật khẩu',
    ]);
    expect(navItems(admin).map((n) => n.label)).toEqual(['Cơ quan', 'Hồ sơ đăng ký', 'Người dùng', 'Đổi mật khẩu']);
    expect(navItems(auditor).map((n) => n.label)).toEqual([
      'Cơ quan',
      'Hồ sơ đăng ký',
      'Tên được bảo vệ',
      'Nhà mạng',
      'Nhật ký',
      'Đổi mật khẩu',
    ]);
    expect([homeOf(regulator), homeOf(admin), homeOf(auditor), homeOf(me('agency_admin'))]).toEqual([
      '/queue',
      `/organizations/${ORG}`,
      '/organizations',
      '/organizations',
    ]);
  });

  it('matches an id route before the list it lies under, and anything else under a list as the list', () => {
    expect(findRoute(ROUTES, `/organizations/${ORG}`)).toMatchObject({ def: { path: '/organizations/:id' }, params: { id: ORG } });
    expect(findRoute(ROUTES, '/organizations/not-an-id')?.def.path).toBe('/organizations');
    expect(findRoute(ROUTES, `/applications/${ORG}/`)?.def.path).toBe('/applications/:id');
    expect(findRoute(ROUTES, '/nope')).toBeNull();
    expect(findRoute(PUBLIC_ROUTES, '/dang-ky')?.def.path).toBe('/dang-ky');
    expect(findRoute(PUBLIC_ROUTES, '/queue')).toBeNull();
  });

  it('keeps each role to its pages; another organization is for the registry to refuse', () => {
    expect([opens(regulator, '/queue'), opens(admin, '/queue'), opens(auditor, '/queue')]).toEqual([true, false, false]);
    expect([opens(regulator, '/protected-names'), opens(auditor, '/protected-names'), opens(admin, '/protected-names')]).toEqual([
      true,
      true,
      false,
    ]);
    expect([opens(auditor, '/audit'), opens(admin, '/audit'), opens(admin, '/users'), opens(auditor, '/users')]).toEqual([
      true,
      false,
      true,
      false,
    ]);
    expect([
      opens(admin, `/organizations/${ORG}`),
      opens(admin, `/organizations/${OTHER}`),
      opens(auditor, `/organizations/${OTHER}`),
    ]).toEqual([true, true, true]);
    expect([opens(auditor, '/search'), opens(admin, '/password'), opens(regulator, '/nope')]).toEqual([true, true, false]);
  });

  it('lets a user who signs in stay where it was only where it may be', () => {
    expect(mayLand(regulator, '/')).toBe(false);
    expect(mayLand(regulator, '/login')).toBe(false);
    expect(mayLand(regulator, '/audit')).toBe(true);
    expect(mayLand(admin, '/audit')).toBe(false);
    expect(mayLand(admin, `/organizations/${OTHER}`)).toBe(false);
    expect(mayLand(auditor, `/applications/${ORG}`)).toBe(true);
  });
});

describe('the second factor’s page', () => {
  it('is open to every role (anyone may opt in), outside the navigation, and never public', () => {
    expect([regulator, admin, auditor].map((who) => opens(who, SECOND_FACTOR_PATH))).toEqual([true, true, true]);
    expect([regulator, admin, auditor].flatMap((who) => navItems(who).map((n) => n.path))).not.toContain(SECOND_FACTOR_PATH);
    expect(findRoute(PUBLIC_ROUTES, SECOND_FACTOR_PATH)).toBeNull();
  });
});

describe('imports', () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
    });

  it('reach the domain through @app/domain, never by a relative path out of the console', () => {
    for (const f of sources(__dirname)) {
      const deep = readFileSync(f, 'utf8').match(/from '(\.\.\/)+libs\/[^']*'/g) ?? [];
      expect({ f, deep }).toEqual({ f, deep: [] });
    }
  });
});
