import { useEffect, useRef } from 'react';
import { endSession } from '../api/session-store';
import type { Me } from '../api/types';
import { ROLE_LABEL } from '../labels';
import { findRoute, homeOf, mayOpen, navItems, ROUTES } from '../routes';
import { navigate, useQueryParam } from '../router';
import { Link } from '../ui';
import { SearchBox } from './SearchBox';

/** The signed-in console: the navigation and search (from the route table), and the route's page if you may open it. */
export function Shell({ me, route }: { me: Me; route: string }) {
  const main = useRef<HTMLElement>(null);
  const searchQuery = useQueryParam('q');
  const home = route === '/' || route === '/login';

  useEffect(() => {
    if (route === '/' || route === '/login') navigate(homeOf(me));
  }, [route, me]);
  useEffect(() => {
    main.current?.focus();
  }, [route]);

  const found = findRoute(ROUTES, route);
  const page = home ? null : mayOpen(me, found) ? found.def.page(found.params) : <NotHere />;

  return (
    <>
      <a className="skip-link" href="#main">
        Bỏ qua, đến nội dung chính
      </a>
      <header className="topbar">
        <div className="brand">Sổ đăng ký tên định danh thoại</div>
        <nav aria-label="Điều hướng chính">
          <ul>
            {navItems(me).map((n) => (
              <li key={n.path}>
                <Link to={n.to} current={route.startsWith(n.path)}>
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

function NotHere() {
  return <p>Không có trang này, hoặc vai trò của bạn không được xem trang này.</p>;
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
