import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { currentSession, endSession, restoreSession, setSignOutHandler } from './api';
import type { Session } from './api';
import { ROLE_LABEL } from './labels';
import { navigate, useQueryParam, useRoute } from './router';
import { SessionProvider } from './session-context';
import { Link } from './ui';
import { LoginPage } from './pages/LoginPage';
import { ReviewQueuePage } from './pages/ReviewQueuePage';
import { OrganizationsPage } from './pages/OrganizationsPage';
import { OrganizationPage } from './pages/OrganizationPage';
import { CarriersPage } from './pages/CarriersPage';
import { AuditPage } from './pages/AuditPage';
import { ApplicationPage } from './pages/ApplicationPage';
import { ApplicationsPage } from './pages/ApplicationsPage';
import { ApplyPage } from './pages/ApplyPage';
import { InvitationsPage } from './pages/InvitationsPage';
import { SearchPage } from './pages/SearchPage';
import { UsersPage } from './pages/UsersPage';
import { ChangePasswordPage } from './pages/ChangePasswordPage';
import { EnrollPage } from './pages/EnrollPage';
import type { Me } from './types';

interface NavItem {
  to: string;
  label: string;
  roles: Me['role'][];
}

const NAV: NavItem[] = [
  { to: '/queue', label: 'Hàng chờ duyệt', roles: ['regulator'] },
  { to: '/organizations', label: 'Cơ quan', roles: ['regulator', 'agency_admin', 'auditor'] },
  { to: '/applications', label: 'Hồ sơ đăng ký', roles: ['regulator', 'agency_admin', 'auditor'] },
  { to: '/invitations', label: 'Lời mời', roles: ['regulator'] },
  { to: '/carriers', label: 'Nhà mạng', roles: ['regulator', 'auditor'] },
  { to: '/audit', label: 'Nhật ký', roles: ['regulator', 'auditor'] },
  { to: '/users', label: 'Người dùng', roles: ['regulator', 'agency_admin'] },
  { to: '/password', label: 'Đổi mật khẩu', roles: ['regulator', 'agency_admin', 'auditor'] },
];

function homeOf(me: Me): string {
  if (me.role === 'regulator') return '/queue';
  if (me.role === 'agency_admin' && me.organizationId) return `/organizations/${me.organizationId}`;
  return '/organizations';
}

/** Whether a signed-in user may stay on `route` (e.g. after a session expired), else they go home. */
function routeAllowed(route: string, me: Me): boolean {
  if (route === '/' || route === '/login') return false;
  if (route.startsWith('/search')) return true; // the API scopes the results to the user
  if (/^\/organizations\/[0-9a-f-]{36}\/?$/i.test(route)) return me.role !== 'agency_admin' || route.includes(me.organizationId ?? '-');
  return NAV.some((n) => n.roles.includes(me.role) && route.startsWith(n.to));
}

export function App() {
  const [session, setSession] = useState<Session | null>(() => restoreSession());
  const [notice, setNotice] = useState<string | null>(null);
  const route = useRoute();

  useEffect(() => {
    setSignOutHandler((reason) => {
      setSession(null);
      setNotice(reason === 'expired' ? 'Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.' : 'Bạn đã đăng xuất.');
    });
  }, []);

  // The application form is public: an invited agency has no account until it applies.
  if (route.startsWith('/dang-ky')) return <ApplyPage />;
  // So is enrollment: its holder has no password until it sets one here, and is then signed in.
  if (route.startsWith('/kich-hoat')) {
    return (
      <EnrollPage
        onSignedIn={() => {
          const s = currentSession();
          setNotice(null);
          setSession(s);
          if (s) navigate(homeOf(s.me));
        }}
      />
    );
  }
  if (!session) {
    return (
      <LoginPage
        notice={notice}
        onSignedIn={() => {
          const s = currentSession();
          setNotice(null);
          setSession(s);
          if (s && !routeAllowed(route, s.me)) navigate(homeOf(s.me));
        }}
      />
    );
  }
  // A one-time password: nothing else until it is changed (the registry refuses every other route meanwhile).
  if (session.me.passwordChangeRequired) {
    return (
      <ChangePasswordPage
        forced
        onSignOut={() => endSession('signed-out')}
        onChanged={() => {
          const s = currentSession();
          setSession(s);
          if (s) navigate(homeOf(s.me));
        }}
      />
    );
  }
  return (
    <SessionProvider me={session.me} signOut={() => endSession('signed-out')}>
      <Shell me={session.me} route={route} />
    </SessionProvider>
  );
}

function Shell({ me, route }: { me: Me; route: string }) {
  const main = useRef<HTMLElement>(null);
  const searchQuery = useQueryParam('q');
  const items = NAV.filter((n) => n.roles.includes(me.role));
  // Agency admins see their own organization under "Cơ quan".
  const navTarget = (n: NavItem) =>
    n.to === '/organizations' && me.role === 'agency_admin' && me.organizationId ? `/organizations/${me.organizationId}` : n.to;

  useEffect(() => {
    if (route === '/' || route === '/login') navigate(homeOf(me));
  }, [route, me]);
  useEffect(() => {
    main.current?.focus();
  }, [route]);

  let page;
  const orgMatch = /^\/organizations\/([0-9a-f-]{36})\/?$/i.exec(route);
  const appMatch = /^\/applications\/([0-9a-f-]{36})\/?$/i.exec(route);
  const allowed = (to: string) => items.some((n) => n.to === to);
  if (route.startsWith('/queue') && allowed('/queue')) page = <ReviewQueuePage />;
  else if (route.startsWith('/search')) page = <SearchPage q={searchQuery} />;
  else if (orgMatch) page = <OrganizationPage id={orgMatch[1]} />;
  else if (route.startsWith('/organizations')) page = <OrganizationsPage />;
  else if (appMatch && allowed('/applications')) page = <ApplicationPage id={appMatch[1]} />;
  else if (route.startsWith('/applications') && allowed('/applications')) page = <ApplicationsPage />;
  else if (route.startsWith('/invitations') && allowed('/invitations')) page = <InvitationsPage />;
  else if (route.startsWith('/carriers') && allowed('/carriers')) page = <CarriersPage />;
  else if (route.startsWith('/audit') && allowed('/audit')) page = <AuditPage />;
  else if (route.startsWith('/users') && allowed('/users')) page = <UsersPage />;
  else if (route.startsWith('/password')) page = <ChangePasswordPage />;
  else if (route === '/' || route === '/login') page = null;
  else page = <p>Không có trang này, hoặc vai trò của bạn không được xem trang này.</p>;

  return (
    <>
      <a className="skip-link" href="#main">
        Bỏ qua, đến nội dung chính
      </a>
      <header className="topbar">
        <div className="brand">Sổ đăng ký tên định danh thoại</div>
        <nav aria-label="Điều hướng chính">
          <ul>
            {items.map((n) => (
              <li key={n.to}>
                <Link to={navTarget(n)} current={route.startsWith(n.to)}>
                  {n.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <SearchBox initial={route.startsWith('/search') ? searchQuery : ''} />
        <UserBox me={me} />
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {page}
      </main>
    </>
  );
}

/** Numbers in any format and organizations by name, from every page. */
function SearchBox({ initial }: { initial: string }) {
  const [q, setQ] = useState(initial);
  useEffect(() => setQ(initial), [initial]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (q.trim()) navigate(`/search?q=${encodeURIComponent(q.trim())}`);
  };
  return (
    <form role="search" className="search" onSubmit={submit}>
      <input
        type="search"
        aria-label="Tìm số điện thoại hoặc cơ quan"
        placeholder="Số điện thoại hoặc tên cơ quan"
        maxLength={100}
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      <button type="submit" className="btn btn-light">
        Tìm
      </button>
    </form>
  );
}

function UserBox({ me }: { me: Me }) {
  return (
    <div className="userbox">
      <span>
        <strong>{me.username}</strong> · {ROLE_LABEL[me.role] ?? me.role}
      </span>
      <button type="button" className="btn btn-light" onClick={() => endSession('signed-out')}>
        Đăng xuất
      </button>
    </div>
  );
}
