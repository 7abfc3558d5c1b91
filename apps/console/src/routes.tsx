import type { ReactNode } from 'react';
import { USER_ROLES } from '@app/domain/lifecycle';
import type { Me, Role } from './api/types';
import { matchPath, SECOND_FACTOR_PATH } from './router';
import { ApplyPage } from './pages/apply/ApplyPage';
import { EnrollPage } from './pages/EnrollPage';
import { ReviewQueuePage } from './pages/review-queue/ReviewQueuePage';
import { SearchPage } from './pages/SearchPage';
import { OrganizationsPage } from './pages/OrganizationsPage';
import { OrganizationPage } from './pages/organization/OrganizationPage';
import { ApplicationsPage } from './pages/ApplicationsPage';
import { ApplicationPage } from './pages/application/ApplicationPage';
import { InvitationsPage } from './pages/invitations/InvitationsPage';
import { CarriersPage } from './pages/carriers/CarriersPage';
import { ProtectedNamesPage } from './pages/protected-names/ProtectedNamesPage';
import { AuditPage } from './pages/audit/AuditPage';
import { UsersPage } from './pages/users/UsersPage';
import { ChangePasswordPage } from './pages/ChangePasswordPage';
import { AccountSecondFactorPage } from './pages/SecondFactorPage';

type Params = Record<string, string>;

/**
 * The console's routes in one table: path, page, and who may open it. The main navigation (its entries, their
 * order, the signed-in user's home), the guard in front of every page and the landing after sign-in all read it.
 * The registry decides again on every call: this only keeps people away from pages it would refuse.
 */
export interface RouteDef {
  /** '/organizations/:id': a parameter is an id; a path without one also covers what lies under it. */
  path: string;
  page: (params: Params) => ReactNode;
  roles: readonly Role[];
  /**
   * Whether someone who just signed in stays on this item's page (else it goes home). Opening it otherwise is up to
   * the registry: an agency admin on another organization's page reads the registry's own refusal.
   */
  landing?: (me: Me, params: Params) => boolean;
  /** In the main navigation, under this label; `to` when its target depends on the user. */
  nav?: { label: string; to?: (me: Me) => string };
}

/** Every role there is (the domain's list). */
const EVERYONE: readonly Role[] = USER_ROLES;

/** Agency admins see their own organization under "Cơ quan". */
const ownOrganization = (me: Me) =>
  me.role === 'agency_admin' && me.organizationId ? `/organizations/${me.organizationId}` : '/organizations';

export const ROUTES: readonly RouteDef[] = [
  { path: '/queue', page: () => <ReviewQueuePage />, roles: ['regulator'], nav: { label: 'Hàng chờ duyệt' } },
  { path: '/search', page: () => <SearchPage />, roles: EVERYONE }, // the API scopes the results to the user
  {
    path: '/organizations/:id',
    page: ({ id }) => <OrganizationPage id={id} />,
    roles: EVERYONE,
    landing: (me, { id }) => me.role !== 'agency_admin' || id === me.organizationId,
  },
  { path: '/organizations', page: () => <OrganizationsPage />, roles: EVERYONE, nav: { label: 'Cơ quan', to: ownOrganization } },
  { path: '/applications/:id', page: ({ id }) => <ApplicationPage id={id} />, roles: EVERYONE },
  { path: '/applications', page: () => <ApplicationsPage />, roles: EVERYONE, nav: { label: 'Hồ sơ đăng ký' } },
  { path: '/invitations', page: () => <InvitationsPage />, roles: ['regulator'], nav: { label: 'Lời mời' } },
  {
    path: '/protected-names',
    page: () => <ProtectedNamesPage />,
    roles: ['regulator', 'auditor'],
    nav: { label: 'Tên được bảo vệ' },
  },
  { path: '/carriers', page: () => <CarriersPage />, roles: ['regulator', 'auditor'], nav: { label: 'Nhà mạng' } },
  { path: '/audit', page: () => <AuditPage />, roles: ['regulator', 'auditor'], nav: { label: 'Nhật ký' } },
  { path: '/users', page: () => <UsersPage />, roles: ['regulator', 'agency_admin'], nav: { label: 'Người dùng' } },
  { path: '/password', page: () => <ChangePasswordPage />, roles: EVERYONE, nav: { label: 'Đổi mật khẩu' } },
  // Anyone may opt in (the registry answers whether it already has one); the user box links here until then.
  { path: SECOND_FACTOR_PATH, page: () => <AccountSecondFactorPage />, roles: EVERYONE },
];

/** Pages without an account: the application form (an invited agency has none yet) and enrollment. */
export const PUBLIC_ROUTES: readonly { path: string; page: (onSignedIn: () => void) => ReactNode }[] = [
  { path: '/dang-ky', page: () => <ApplyPage /> },
  // Its holder has no password until it sets one here, and is then signed in.
  { path: '/kich-hoat', page: (onSignedIn) => <EnrollPage onSignedIn={onSignedIn} /> },
];

/** The route's entry: an exact match first, else the longest one it lies under. */
export function findRoute<R extends { path: string }>(routes: readonly R[], route: string): { def: R; params: Params } | null {
  let best: { def: R; params: Params; depth: number } | null = null;
  for (const def of routes) {
    const m = matchPath(def.path, route);
    if (!m) continue;
    if (m.exact) return { def, params: m.params };
    const depth = def.path.split('/').length;
    if (!best || depth > best.depth) best = { def, params: m.params, depth };
  }
  return best;
}

/** Whether the page is there for this user's role (the guard in front of every page). */
export function mayOpen(me: Me, found: { def: RouteDef; params: Params } | null): found is { def: RouteDef; params: Params } {
  return found !== null && found.def.roles.includes(me.role);
}

/** The navigation's entries for this user, in the table's order. */
export function navItems(me: Me): Array<{ path: string; label: string; to: string }> {
  return ROUTES.filter((r) => r.nav && r.roles.includes(me.role)).map((r) => ({
    path: r.path,
    label: r.nav!.label,
    to: r.nav!.to?.(me) ?? r.path,
  }));
}

/** Where a user starts: its first navigation entry. */
export function homeOf(me: Me): string {
  return navItems(me)[0]?.to ?? '/password';
}

/** Whether a user who just signed in may stay on `route` (e.g. after a session expired), else it goes home. */
export function mayLand(me: Me, route: string): boolean {
  const found = findRoute(ROUTES, route);
  return route !== '/' && route !== '/login' && mayOpen(me, found) && (found.def.landing?.(me, found.params) ?? true);
}
