import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { navigate } from '../router';

/** Numbers in any format and organizations by name, from every page. */
export function SearchBox({ initial }: { initial: string }) {
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
